using System.Buffers;
using System.Text.Json;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Hand-written AWS JSON 1.1 request bodies (Utf8JsonWriter; blobs as base64).</summary>
internal static class KinesisRequestBodies
{
    public static byte[] StreamName(string streamName)
        => Write(w => w.WriteString("StreamName", streamName));

    public static byte[] StartStreamEncryption(string streamName)
        => Write(w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteString("EncryptionType", "KMS");
            w.WriteString("KeyId", "alias/aws/kinesis");
        });

    public static byte[] CreateStream(string streamName, int shardCount)
        => Write(w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteNumber("ShardCount", shardCount);
        });

    public static byte[] PutRecord(string streamName, Random random, int recordSize)
    {
        var data = new byte[recordSize];
        random.NextBytes(data);
        return Write(w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteBase64String("Data", data);
            w.WriteString("PartitionKey", RandomPartitionKey(random));
        });
    }

    public static byte[] PutRecords(string streamName, Random random, int recordCount, int recordSize)
    {
        var data = new byte[recordSize];
        return Write(w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteStartArray("Records");
            for (var i = 0; i < recordCount; i++)
            {
                random.NextBytes(data);
                w.WriteStartObject();
                w.WriteBase64String("Data", data);
                w.WriteString("PartitionKey", RandomPartitionKey(random));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    public static byte[] GetShardIterator(string streamName, string shardId, string iteratorType)
        => Write(w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteString("ShardId", shardId);
            w.WriteString("ShardIteratorType", iteratorType);
        });

    public static byte[] GetRecords(string shardIterator, int limit)
        => Write(w =>
        {
            w.WriteString("ShardIterator", shardIterator);
            w.WriteNumber("Limit", limit);
        });

    private static string RandomPartitionKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[12];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
