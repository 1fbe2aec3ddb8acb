// Key Vault with Azure RBAC: holds the SigV4 access keys and the encryption master key, read by the apps'
// identity through Container Apps Key Vault references.
param name string
param location string
param tags object = {}

@description('Access keys as id:secret pairs, comma separated.')
@secure()
param accessKeys string

@description('The encryption master key: 32 bytes in base64.')
@secure()
param encryptionKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource accessKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'access-keys'
  properties: { value: accessKeys, contentType: 'id:secret[,id:secret]' }
}

resource encryptionKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'encryption-key'
  properties: { value: encryptionKey, contentType: 'base64, 32 bytes' }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output accessKeysSecretUri string = accessKeysSecret.properties.secretUri
output encryptionKeySecretUri string = encryptionKeySecret.properties.secretUri
