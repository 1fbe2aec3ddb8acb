using System.Globalization;
using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// The deliveries of one delivery stream that failed in a row, for DescribeDeliveryStream's <c>FailureDescription</c>:
/// set by a failed delivery, cleared by the next one that succeeds. The stream stays ACTIVE meanwhile (it still accepts
/// records, which are retried until delivered), as on AWS.
/// </summary>
public sealed class DeliveryFailure
{
    /// <summary>The longest <c>Details</c> the service returns.</summary>
    public const int MaxDetails = 1024;

    private long _sinceMs;

    public int ConsecutiveFailures { get; private set; }

    /// <summary>The description while deliveries fail, null once one succeeded.</summary>
    public DeliveryFailureDescription? Description { get; private set; }

    public void Failed(Exception error, long nowMs)
    {
        if (ConsecutiveFailures++ == 0)
        {
            _sinceMs = nowMs;
        }

        var since = DateTimeOffset.FromUnixTimeMilliseconds(_sinceMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"Delivery to the destination has failed {ConsecutiveFailures} time(s) in a row since {since}; the records stay buffered and are retried. Last error: {error.GetType().Name}: {error.Message}");
        Description = new DeliveryFailureDescription("UNKNOWN_ERROR", details.Length > MaxDetails ? details[..MaxDetails] : details);
    }

    public void Succeeded()
    {
        ConsecutiveFailures = 0;
        Description = null;
    }
}
