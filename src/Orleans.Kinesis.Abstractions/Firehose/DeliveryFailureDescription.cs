namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>
/// DescribeDeliveryStream's <c>FailureDescription</c>: a <c>Type</c> from the service's list (<c>UNKNOWN_ERROR</c> for
/// a failing destination) and <c>Details</c> of 1 to 1024 characters.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.DeliveryFailureDescription")]
public sealed record DeliveryFailureDescription(string Type, string Details);
