namespace Orleans.Kinesis.Deployment.Tests.Bicep;

/// <summary>Resource types and role definition ids the tests look for.</summary>
public static class ResourceTypes
{
    public const string ContainerApp = "Microsoft.App/containerApps";
    public const string Environment = "Microsoft.App/managedEnvironments";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string Storage = "Microsoft.Storage/storageAccounts";
    public const string Registry = "Microsoft.ContainerRegistry/registries";
    public const string KeyVault = "Microsoft.KeyVault/vaults";
    public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";
    public const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";

    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
}
