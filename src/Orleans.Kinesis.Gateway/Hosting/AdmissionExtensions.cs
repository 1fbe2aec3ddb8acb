using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Gateway.Admission;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>Wires per-connection request fairness (README, "Security"): a limiter per connection, taken by each request.</summary>
public static class AdmissionExtensions
{
    /// <summary>
    /// Gives every connection of an endpoint its own request limiter for as long as it is open. Use it on the endpoints
    /// that serve HTTP/2 (an HTTP/1.1 connection carries one request at a time and needs none).
    /// </summary>
    public static IConnectionBuilder UseConnectionAdmission(this IConnectionBuilder builder, int permitLimit, int queueLimit)
    {
        var admissions = builder.ApplicationServices.GetRequiredService<ConnectionAdmissions>();
        return builder.Use(next => async connection =>
        {
            using var admission = admissions.Open(permitLimit, queueLimit);
            connection.Features.Set(admission);
            await next(connection);
        });
    }

    /// <summary>Makes each request take a slot of its connection's limiter (if it has one) before anything else runs.</summary>
    public static IApplicationBuilder UseKinesisAdmission(this IApplicationBuilder app)
        => app.Use(static next => http => RequestAdmission.InvokeAsync(http, next));
}
