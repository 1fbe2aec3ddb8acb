// Orleans.Kinesis on Azure Container Apps (`azd up`). Subscription scope: creates the resource group, then the
// monitoring, registry, identity, storage, Key Vault, environment and app(s) in it.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Object id of the signed-in user or CI principal (azd sets AZURE_PRINCIPAL_ID).')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Whether the gateway app exists already (azd sets SERVICE_GATEWAY_RESOURCE_EXISTS).')
param gatewayExists bool = false

@description('The image azd deployed last (SERVICE_GATEWAY_IMAGE_NAME); empty keeps the current one.')
param gatewayImage string = ''

@allowed(['single', 'cluster'])
@description('single: one app, one replica. cluster: one app per silo in a VNet-integrated internal environment, Azure Table clustering.')
param topology string = 'single'

@minValue(2)
@maxValue(20)
@description('Number of silos (apps) of the cluster topology.')
param siloCount int = 3

@minValue(10000)
@maxValue(300000)
@description('Longest SubscribeToShard subscription; below the 240 s ingress idle limit.')
param subscriptionLifetimeMs int = 200000

@secure()
@minLength(3)
@description('SigV4 access keys as id:secret pairs, comma separated (kept in Key Vault).')
param accessKeys string

@secure()
@minLength(44)
@maxLength(44)
@description('Encryption master key, 32 bytes in base64 (kept in Key Vault).')
param encryptionKey string

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var cluster = topology == 'cluster'
var appCount = cluster ? siloCount : 1
var blobContainer = 'orleans-kinesis'
var names = {
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  registry: '${abbrs.containerRegistryRegistries}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
}
var appNames = map(
  range(0, appCount),
  i => cluster ? '${abbrs.appContainerApps}silo-${i}-${resourceToken}' : '${abbrs.appContainerApps}gateway-${resourceToken}'
)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module registry 'core/host/container-registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: names.registry
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    containerName: blobContainer
  }
}

module vault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    accessKeys: accessKeys
    encryptionKey: encryptionKey
  }
}

module access 'app/identity-access.bicep' = {
  name: 'identity-access'
  scope: rg
  dependsOn: [identity, registry, storage, vault]
  params: {
    identityName: names.identity
    registryName: names.registry
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    principalId: principalId
    principalType: principalType
  }
}

module network 'core/network/vnet.bicep' = if (cluster) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
  }
}

module environment 'core/host/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  dependsOn: [monitoring]
  params: {
    name: '${abbrs.appManagedEnvironments}${resourceToken}'
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    infrastructureSubnetId: cluster ? network!.outputs.infrastructureSubnetId : ''
    internal: cluster
  }
}

// App 0 hosts the azd service "gateway" (azd deploy replaces its image); in the cluster topology apps 1..n-1 are
// further silos with their own port pair (infra/hooks/postdeploy.* gives them the deployed image).
module apps 'app/kinesis-app.bicep' = [
  for i in range(0, appCount): {
    name: 'app-${i}'
    scope: rg
    // The role assignments come first, so that the first revision can pull the image and read the secrets.
    dependsOn: [access, monitoring]
    params: {
      name: appNames[i]
      location: location
      tags: tags
      serviceName: i == 0 ? 'gateway' : ''
      environmentId: environment.outputs.id
      identityId: identity.outputs.id
      identityClientId: identity.outputs.clientId
      registryLoginServer: registry.outputs.loginServer
      applicationInsightsName: names.applicationInsights
      blobEndpoint: storage.outputs.blobEndpoint
      blobContainer: storage.outputs.containerName
      accessKeysSecretUri: vault.outputs.accessKeysSecretUri
      encryptionKeySecretUri: vault.outputs.encryptionKeySecretUri
      exists: gatewayExists
      imageName: gatewayImage
      subscriptionLifetimeMs: subscriptionLifetimeMs
      silo: cluster
        ? {
            clusterId: 'orleans-kinesis-${environmentName}'
            tableEndpoint: storage.outputs.tableEndpoint
            advertisedAddress: environment.outputs.staticIp
            exposedSiloPort: 11111 + i
            exposedGatewayPort: 30000 + i
          }
        : null
    }
  }
]

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = environment.outputs.id
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = environment.outputs.defaultDomain
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output SERVICE_GATEWAY_NAME string = apps[0].outputs.name
output SERVICE_GATEWAY_ENDPOINT_URL string = apps[0].outputs.uri
output ORLEANS_KINESIS_TOPOLOGY string = topology
output ORLEANS_KINESIS_SILO_APPS string = join(appNames, ',')
