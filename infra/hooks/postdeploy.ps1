# azd postdeploy hook (Windows): see postdeploy.sh.
$ErrorActionPreference = 'Stop'
if ($env:ORLEANS_KINESIS_TOPOLOGY -ne 'cluster') { exit 0 }
$image = $env:SERVICE_GATEWAY_IMAGE_NAME
if (-not $image) { throw 'azd did not report the deployed image' }
foreach ($app in ($env:ORLEANS_KINESIS_SILO_APPS -split ',')) {
    if (-not $app -or $app -eq $env:SERVICE_GATEWAY_NAME) { continue }
    Write-Host "Updating $app to $image"
    az containerapp update --name $app --resource-group $env:AZURE_RESOURCE_GROUP --image $image --output none
}
