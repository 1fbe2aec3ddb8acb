using System.Net;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Status and body of one Kinesis response; <see cref="ErrorType"/> is the bare __type on errors.</summary>
internal readonly record struct WireResponse(HttpStatusCode Status, byte[] Body)
{
    public bool IsSuccess => Status == HttpStatusCode.OK;

    public string ErrorType
    {
        get
        {
            var type = WireJson.FindString(Body, "__type") ?? "HTTP " + ((int)Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hash = type.LastIndexOf('#');
            return hash >= 0 ? type[(hash + 1)..] : type;
        }
    }
}
