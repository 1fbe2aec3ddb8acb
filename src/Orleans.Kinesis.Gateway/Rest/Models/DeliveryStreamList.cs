namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>Every delivery stream of the account.</summary>
public sealed record DeliveryStreamList(IReadOnlyList<DeliveryStreamResource> DeliveryStreams);
