using System.Buffers;
using System.Text.Json;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The archive document of one node: <c>{"series":[{"ns","name","unit","dims":[[name,value],…],
/// "points":[[minute,count,sum,min,max(,bucket,count,bucket,count…)],…]}]}</c>; the optional tail of a point lists
/// the non-empty percentile buckets of a time metric.
/// </summary>
internal static class MetricArchiveFormat
{
    public static byte[] Write(MetricStore store)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("series");
            foreach (var table in store.Tables(null))
            {
                foreach (var (dimensions, series) in table.All())
                {
                    writer.WriteStartObject();
                    writer.WriteString("ns", table.Namespace);
                    writer.WriteString("name", table.Name);
                    writer.WriteString("unit", table.Unit);
                    writer.WriteStartArray("dims");
                    foreach (var (name, value) in dimensions.All())
                    {
                        writer.WriteStartArray();
                        writer.WriteStringValue(name);
                        writer.WriteStringValue(value);
                        writer.WriteEndArray();
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("points");
                    foreach (var (minute, statistics) in series.Minutes())
                    {
                        WritePoint(writer, minute, statistics);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Puts the minutes at or after <paramref name="fromMinute"/> into <paramref name="store"/>; returns how many.</summary>
    public static int Restore(MetricStore store, ReadOnlySpan<byte> document, long fromMinute)
    {
        var reader = new Utf8JsonReader(document);
        using var json = JsonDocument.ParseValue(ref reader);
        var restored = 0;
        foreach (var item in json.RootElement.GetProperty("series").EnumerateArray())
        {
            var dims = item.GetProperty("dims");
            if (dims.GetArrayLength() is 0 or > 2)
            {
                continue;
            }

            var first = dims[0];
            var dimensions = dims.GetArrayLength() == 1
                ? new MetricDimensions(first[0].GetString()!, first[1].GetString()!, null, null)
                : new MetricDimensions(first[0].GetString()!, first[1].GetString()!, dims[1][0].GetString(), dims[1][1].GetString());
            var table = store.GetOrAdd(item.GetProperty("ns").GetString()!, item.GetProperty("name").GetString()!, item.GetProperty("unit").GetString()!);
            MetricSeries? series = null;
            foreach (var point in item.GetProperty("points").EnumerateArray())
            {
                var minute = point[0].GetInt64();
                if (minute >= fromMinute)
                {
                    series ??= table.Series(dimensions);
                    series.Restore(minute, ReadPoint(point));
                    restored++;
                }
            }
        }

        return restored;
    }

    private static void WritePoint(Utf8JsonWriter writer, long minute, MetricStatistics statistics)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(minute);
        writer.WriteNumberValue(statistics.SampleCount);
        writer.WriteNumberValue(statistics.Sum);
        writer.WriteNumberValue(statistics.Minimum);
        writer.WriteNumberValue(statistics.Maximum);
        if (statistics.Buckets is { } buckets)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                if (buckets[i] != 0)
                {
                    writer.WriteNumberValue(i);
                    writer.WriteNumberValue(buckets[i]);
                }
            }
        }

        writer.WriteEndArray();
    }

    private static MetricStatistics ReadPoint(JsonElement point)
    {
        long[]? buckets = null;
        var length = point.GetArrayLength();
        if (length > 5)
        {
            buckets = new long[MetricHistogram.Length];
            for (var i = 5; i + 1 < length; i += 2)
            {
                var bucket = point[i].GetInt32();
                if ((uint)bucket < (uint)buckets.Length)
                {
                    buckets[bucket] = point[i + 1].GetInt64();
                }
            }
        }

        return new MetricStatistics(point[1].GetInt64(), point[2].GetDouble(), point[3].GetDouble(), point[4].GetDouble(), buckets);
    }
}
