using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Buffers;
using Orleans.Kinesis.Protocol.Cbor;
using Orleans.Kinesis.Protocol.Errors;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>Writes JSON 1.1 responses with Content-Type and Content-Length as AWS sends them.</summary>
public static class ResponseSender
{
    public const string JsonContentType = "application/x-amz-json-1.1";
    public const string CborContentType = "application/x-amz-cbor-1.1";

    private static readonly object CborMarker = new();

    /// <summary>Marks a request that came in CBOR: its responses (JSON from the handlers) are sent as CBOR.</summary>
    public static void UseCbor(HttpContext http) => http.Items[CborMarker] = CborMarker;

    public static bool IsCbor(HttpContext http) => http.Items.ContainsKey(CborMarker);

    public static Task SendJsonAsync(HttpContext http, PooledBufferWriter body) => SendAsync(http, StatusCodes.Status200OK, body);

    /// <summary>A success without output: 200, the protocol's content type and an empty body.</summary>
    public static Task SendEmptyAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = IsCbor(http) ? CborContentType : JsonContentType;
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static async Task SendAsync(HttpContext http, int status, PooledBufferWriter json)
    {
        http.Response.StatusCode = status;
        if (!IsCbor(http))
        {
            http.Response.ContentType = JsonContentType;
            http.Response.ContentLength = json.WrittenCount;
            await http.Response.Body.WriteAsync(json.WrittenMemory, http.RequestAborted);
            return;
        }

        using var cbor = new PooledBufferWriter(json.WrittenCount);
        JsonToCbor.Transcode(json.WrittenMemory.Span, cbor);
        http.Response.ContentType = CborContentType;
        http.Response.ContentLength = cbor.WrittenCount;
        await http.Response.Body.WriteAsync(cbor.WrittenMemory, http.RequestAborted);
    }

    public static async Task SendErrorAsync(HttpContext http, KinesisException error)
    {
        using var body = new PooledBufferWriter(256);
        ErrorResponse.Write(body, error);
        http.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        await SendAsync(http, error.StatusCode, body);
    }
}
