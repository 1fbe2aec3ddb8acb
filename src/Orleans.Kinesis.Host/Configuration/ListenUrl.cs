using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// Reads a listen URL the ASP.NET Core way: <c>http://host:port</c> with host <c>*</c>, <c>+</c> or <c>0.0.0.0</c> for
/// every IPv4 interface, <c>[::]</c> for IPv6, <c>localhost</c> for loopback, or an IP address.
/// </summary>
internal static class ListenUrl
{
    public static bool TryParse([NotNullWhen(true)] string? url, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || !text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        var authority = text["http://".Length..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        IPAddress? address = authority[..colon] switch
        {
            "*" or "+" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            var host => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        endPoint = address is null ? null : new IPEndPoint(address, port);
        return endPoint is not null;
    }

    /// <summary>The URL from ASPNETCORE_URLS (config key <c>urls</c>), else from ASPNETCORE_HTTP_PORTS (<c>http_ports</c>).</summary>
    public static string? FromAspNetCore(string? urls, string? httpPorts)
    {
        if (!string.IsNullOrWhiteSpace(urls))
        {
            return urls.Trim();
        }

        return string.IsNullOrWhiteSpace(httpPorts)
            ? null
            : string.Join(';', httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => "http://*:" + port));
    }
}
