using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Dashboard;
using Orleans.Kinesis.Gateway.Rest;

namespace Orleans.Kinesis.Host.Dashboard;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard) on the gateway's port under <see cref="Path"/>, for operators
/// who want grain-level views. Its routes pass the REST API's filter: open on loopback without keys, otherwise a
/// bearer token (<c>--api-token</c>) or a SigV4 signature is required, with the same errors.
/// </summary>
internal static class OrleansDashboardExtensions
{
    public const string Path = "/orleans";

    public static void MapKinesisDashboard(this WebApplication app)
        => app.MapOrleansDashboard(Path)
            .AddEndpointFilter<RestApiFilter>()
            .ExcludeFromDescription();
}
