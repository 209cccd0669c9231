// Key Vault (RBAC authorisation) for the app's secrets: the SendGrid API key and the SMTP password. The app reads them
// through Key Vault references in its app settings, resolved with its managed identity (Key Vault Secrets User, rbac.bicep).
param name string
param location string
param tags object

@secure()
@description('Empty keeps whatever secret is already there (set with az keyvault secret set), so re-provisioning never blanks it.')
param sendGridApiKey string = ''

@secure()
@description('SMTP password (e.g. a Google Workspace app password); empty keeps whatever secret is already there.')
param smtpPassword string = ''

var sendGridSecretName = 'sendgrid-api-key'
var smtpSecretName = 'smtp-password'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send)'
  }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpSecretName
  properties: {
    value: smtpPassword
    contentType: 'SMTP password'
  }
}

output name string = vault.name
// Versionless, so a rotated secret is picked up without redeploying.
output sendGridApiKeySecretUri string = '${vault.properties.vaultUri}secrets/${sendGridSecretName}'
output smtpPasswordSecretUri string = '${vault.properties.vaultUri}secrets/${smtpSecretName}'
