using System.Text.Json.Serialization;

namespace Orleans.Kinesis.Client.Consumer.Leases;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Lease))]
internal sealed partial class LeaseJsonContext : JsonSerializerContext
{
}
