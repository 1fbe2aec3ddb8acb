using System.Text.Json.Serialization;
using Orleans.Kinesis.Grains.Account;
using Orleans.Kinesis.Grains.Directory;
using Orleans.Kinesis.Grains.Firehose;
using Orleans.Kinesis.Grains.Shards;
using Orleans.Kinesis.Grains.Streams;

namespace Orleans.Kinesis.Grains.Serialization;

/// <summary>Source-generated serialization of the grains' state documents.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StreamState))]
[JsonSerializable(typeof(ResourcePolicyState))]
[JsonSerializable(typeof(AccountSettingsState))]
[JsonSerializable(typeof(ShardGrainState))]
[JsonSerializable(typeof(StreamDirectoryState))]
[JsonSerializable(typeof(DeliveryStreamState))]
[JsonSerializable(typeof(DeliveryStreamDirectoryState))]
internal sealed partial class GrainsJsonContext : JsonSerializerContext
{
}
