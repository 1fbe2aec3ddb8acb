# azd preprovision hook (Windows): see preprovision.sh.
$ErrorActionPreference = 'Stop'
if (-not $env:ORLEANS_KINESIS_ACCESS_KEYS) {
    $id = 'AKIA' + [Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(8))
    $secret = [Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(30)).ToLowerInvariant()
    azd env set ORLEANS_KINESIS_ACCESS_KEYS "${id}:${secret}"
    Write-Host "Created access key $id (azd env get-value ORLEANS_KINESIS_ACCESS_KEYS shows it)."
}
if (-not $env:ORLEANS_KINESIS_ENCRYPTION_KEY) {
    azd env set ORLEANS_KINESIS_ENCRYPTION_KEY ([Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(32)))
    Write-Host 'Created the encryption master key (keep a copy: records encrypted with it cannot be read without it).'
}
