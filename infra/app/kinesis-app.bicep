// One Orleans.Kinesis container app: the gateway and its silo in one container, external HTTPS ingress to Kestrel on
// 8080 (transport auto: HTTP/1.1 or HTTP/2 at the edge, HTTP/1.1 to the container), probes on /healthz and /readyz,
// exactly one replica. In the cluster topology it also maps the silo's TCP port pair on the environment's static IP.
param name string
param location string
param tags object = {}

@description('The azd service this app hosts (tag azd-service-name); empty for the cluster\'s other silos.')
param serviceName string = ''

param environmentId string
param identityId string
param identityClientId string
param registryLoginServer string
param applicationInsightsName string
param blobEndpoint string
param blobContainer string
param accessKeysSecretUri string
param encryptionKeySecretUri string

@description('Whether the app exists already (azd SERVICE_<NAME>_RESOURCE_EXISTS): its current image is kept.')
param exists bool = false

@description('The image azd deployed last (SERVICE_<NAME>_IMAGE_NAME), if known.')
param imageName string = ''

@minValue(10000)
@maxValue(300000)
param subscriptionLifetimeMs int = 200000

@description('Orleans cluster membership for this silo; null for a single node.')
param silo siloSettings?

type siloSettings = {
  @description('The Orleans cluster id shared by all silos.')
  clusterId: string
  @description('Azure Table endpoint for cluster membership.')
  tableEndpoint: string
  @description('The environment\'s static IP, which the silo advertises.')
  advertisedAddress: string
  @description('The silo-to-silo port exposed on the static IP (unique in the environment).')
  exposedSiloPort: int
  @description('The Orleans gateway port exposed on the static IP (unique in the environment).')
  exposedGatewayPort: int
}

// Listens on 8080 and answers /healthz, so the first provision (before azd deploy pushes the real image) stays healthy.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'
var siloPort = 11111
var gatewayPort = 30000

resource existingApp 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var image = !empty(imageName) ? imageName : (exists ? existingApp!.properties.template.containers[0].image : placeholderImage)
var placeholder = image == placeholderImage

var commonEnv = [
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
  { name: 'OTEL_SERVICE_NAME', value: 'orleans-kinesis' }
  { name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'service.namespace=orleans-kinesis,service.instance.id=${name}' }
  { name: 'OrleansKinesis__Storage', value: 'blob' }
  { name: 'OrleansKinesis__BlobEndpoint', value: blobEndpoint }
  { name: 'OrleansKinesis__BlobContainer', value: blobContainer }
  { name: 'OrleansKinesis__DataDirectory', value: '/tmp/orleans-kinesis' }
  { name: 'OrleansKinesis__SubscriptionLifetimeMs', value: string(subscriptionLifetimeMs) }
  { name: 'OrleansKinesis__AccessKeys', secretRef: 'access-keys' }
  { name: 'OrleansKinesis__EncryptionKey', secretRef: 'encryption-key' }
]

var siloEnv = silo == null
  ? []
  : [
      { name: 'OrleansKinesis__Clustering', value: 'azure-table' }
      { name: 'OrleansKinesis__ClusterId', value: silo!.clusterId }
      { name: 'OrleansKinesis__TableEndpoint', value: silo!.tableEndpoint }
      { name: 'OrleansKinesis__SiloPort', value: string(siloPort) }
      { name: 'OrleansKinesis__SiloGatewayPort', value: string(gatewayPort) }
      { name: 'OrleansKinesis__AdvertiseAddress', value: silo!.advertisedAddress }
      { name: 'OrleansKinesis__AdvertiseSiloPort', value: string(silo!.exposedSiloPort) }
      { name: 'OrleansKinesis__AdvertiseSiloGatewayPort', value: string(silo!.exposedGatewayPort) }
    ]

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: empty(serviceName) ? tags : union(tags, { 'azd-service-name': serviceName })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        additionalPortMappings: silo == null
          ? []
          : [
              { external: true, targetPort: siloPort, exposedPort: silo!.exposedSiloPort }
              { external: true, targetPort: gatewayPort, exposedPort: silo!.exposedGatewayPort }
            ]
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: [
        { name: 'access-keys', keyVaultUrl: accessKeysSecretUri, identity: identityId }
        { name: 'encryption-key', keyVaultUrl: encryptionKeySecretUri, identity: identityId }
      ]
    }
    template: {
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'gateway'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: concat(commonEnv, siloEnv)
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 2
              failureThreshold: 60
            }
            {
              type: 'Readiness'
              httpGet: { path: placeholder ? '/healthz' : '/readyz', port: 8080 }
              periodSeconds: 5
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
