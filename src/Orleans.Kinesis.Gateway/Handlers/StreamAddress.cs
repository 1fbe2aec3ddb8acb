using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>Reads the StreamName / StreamARN / StreamId members shared by stream-addressed operations.</summary>
public static class StreamAddress
{
    /// <summary>Consumes the member if it is one of the addressing members; returns whether it was.</summary>
    public static bool TryRead(ref RequestReader reader, ReadOnlySpan<byte> member, ref string? name, ref string? arn)
    {
        if (member.SequenceEqual("StreamName"u8))
        {
            name = reader.ReadString();
            return true;
        }

        if (member.SequenceEqual("StreamARN"u8))
        {
            arn = reader.ReadString();
            return true;
        }

        if (member.SequenceEqual("StreamId"u8))
        {
            _ = reader.ReadString(); // reserved by the API: accepted and ignored
            return true;
        }

        return false;
    }
}
