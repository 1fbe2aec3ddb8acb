using System.Globalization;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>Names shared by the gateway and the grains: grain keys and storage folders of a stream incarnation.</summary>
public static class StreamStorage
{
    /// <summary>The storage folder of a stream incarnation: name and creation time, so a re-created stream starts empty.</summary>
    public static string Folder(string streamName, long createdTimeMs)
        => string.Create(CultureInfo.InvariantCulture, $"{streamName}.{createdTimeMs}");

    /// <summary>The key of a shard grain: incarnation folder and shard index.</summary>
    public static string ShardKey(string streamName, long createdTimeMs, int shardIndex)
        => string.Create(CultureInfo.InvariantCulture, $"{streamName}.{createdTimeMs}/{shardIndex}");
}
