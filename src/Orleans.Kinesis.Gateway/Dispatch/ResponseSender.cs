using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Buffers;
using Orleans.Kinesis.Protocol.Errors;

namespace Orleans.Kinesis.Gateway.Dispatch;

/// <summary>Writes JSON 1.1 responses with Content-Type and Content-Length as AWS sends them.</summary>
public static class ResponseSender
{
    public const string JsonContentType = "application/x-amz-json-1.1";

    public static Task SendJsonAsync(HttpContext http, PooledBufferWriter body)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = body.WrittenCount;
        return http.Response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted).AsTask();
    }

    /// <summary>A success without output: 200, the JSON content type and an empty body.</summary>
    public static Task SendEmptyAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public static async Task SendErrorAsync(HttpContext http, KinesisException error)
    {
        using var body = new PooledBufferWriter(256);
        ErrorResponse.Write(body, error);
        http.Response.StatusCode = error.StatusCode;
        http.Response.ContentType = JsonContentType;
        http.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        http.Response.ContentLength = body.WrittenCount;
        await http.Response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted);
    }
}
