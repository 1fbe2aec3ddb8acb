// The Container Apps environment (workload profiles, Consumption). With a subnet it is VNet-integrated and, for the
// cluster topology, internal: silo ports on its static IP then stay private to the network.
param name string
param location string
param tags object = {}
param logAnalyticsName string

@description('Subnet for a VNet-integrated environment; empty for the platform-managed network.')
param infrastructureSubnetId string = ''

@description('Whether a VNet-integrated environment is reachable only from inside the network.')
param internal bool = false

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    vnetConfiguration: empty(infrastructureSubnetId)
      ? null
      : {
          infrastructureSubnetId: infrastructureSubnetId
          internal: internal
        }
    zoneRedundant: false
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
output staticIp string = environment.properties.staticIp
