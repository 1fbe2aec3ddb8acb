using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>Takes consumer ARNs (<c>&lt;stream ARN&gt;/consumer/&lt;name&gt;:&lt;epoch seconds&gt;</c>) apart.</summary>
public static class ConsumerAddress
{
    private const string StreamMarker = ":stream/";
    private const string ConsumerMarker = "/consumer/";

    public static bool IsConsumerArn(string arn) => arn.Contains(ConsumerMarker, StringComparison.Ordinal);

    /// <summary>
    /// The stream and consumer names in a consumer ARN of this server's account and region; ResourceNotFoundException
    /// for any other ARN (another account or region, or not a consumer ARN at all).
    /// </summary>
    public static (string Stream, string Consumer) Resolve(string arn, KinesisServiceOptions options)
    {
        var streamAt = arn.IndexOf(StreamMarker, StringComparison.Ordinal);
        var consumerAt = arn.LastIndexOf(ConsumerMarker, StringComparison.Ordinal);
        var secondsAt = arn.LastIndexOf(':');
        if (streamAt < 0 || consumerAt < streamAt || secondsAt < consumerAt)
        {
            throw new KinesisException(KinesisErrors.ResourceNotFound, $"Consumer {arn} not found.");
        }

        var stream = arn[(streamAt + StreamMarker.Length)..consumerAt];
        var consumer = arn[(consumerAt + ConsumerMarker.Length)..secondsAt];
        var prefix = arn[..streamAt];
        var account = prefix.Split(':') is { Length: > 4 } parts ? parts[4] : string.Empty;
        if (!Patterns.IsName(stream) || !Patterns.IsName(consumer))
        {
            throw new KinesisException(KinesisErrors.ResourceNotFound, $"Consumer {arn} not found.");
        }

        if (!string.Equals(prefix, $"arn:aws:kinesis:{options.Region}:{options.AccountId}", StringComparison.Ordinal))
        {
            throw KinesisErrors.ConsumerNotFound(arn, stream, account);
        }

        return (stream, consumer);
    }
}
