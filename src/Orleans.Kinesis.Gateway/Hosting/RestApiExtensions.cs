using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Console;
using Orleans.Kinesis.Gateway.Rest;
using Orleans.Kinesis.Gateway.Rest.Endpoints;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>Registers the REST API (/api/v1, /openapi/v1.json) and the web console (/console/) next to the AWS gateway.</summary>
public static class RestApiExtensions
{
    public static IServiceCollection AddKinesisRestApi(this IServiceCollection services, Action<RestApiOptions>? configure = null)
    {
        services.AddOptions<RestApiOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<OperationInvoker>();
        services.AddSingleton<RestApiFilter>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, RestJsonContext.Default));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Orleans.Kinesis REST API";
            document.Info.Description = "Resource-style access to streams, shards, records, consumers, delivery streams and "
                + "metrics, served by the same operations as the AWS API. Errors are RFC 9457 problem details whose title and "
                + "awsErrorType are the AWS error type. When signatures are verified, send Authorization: Bearer <token> "
                + "(--api-token) or a SigV4 signature.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps the REST API, its OpenAPI document and the console; call before <c>RunKinesisGateway</c>.</summary>
    public static void MapKinesisRestApi(this WebApplication app)
    {
        ConsoleFiles.UseFiles(app);
        app.UseRouting();
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<RestApiFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        StreamEndpoints.Map(api);
        ShardEndpoints.Map(api);
        RecordReadEndpoints.Map(api);
        RecordWriteEndpoints.Map(api);
        ConsumerEndpoints.Map(api);
        DeliveryStreamEndpoints.Map(api);
        MetricEndpoints.Map(api);
        api.Map("/{**path}", (string path) => RestProblem.From(
            new KinesisException(KinesisErrors.ResourceNotFound, "No REST resource at /api/v1/" + path + ".")))
            .ExcludeFromDescription();
        app.MapOpenApi();
        ConsoleFiles.MapPages(app);
        app.UseEndpoints(_ => { });
    }
}
