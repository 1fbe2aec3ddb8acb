using System.Buffers;
using System.Text.Json;

namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// The archive document: <c>{"series":[{"ns","name","unit","dims":[[name,value],…],"points":[[minute,count,sum,min,max],…]}]}</c>.
/// </summary>
internal static class MetricArchiveFormat
{
    public static byte[] Write(MetricAggregator aggregator)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("series");
            foreach (var table in aggregator.Tables(null))
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
                        writer.WriteStartArray();
                        writer.WriteNumberValue(minute);
                        writer.WriteNumberValue(statistics.SampleCount);
                        writer.WriteNumberValue(statistics.Sum);
                        writer.WriteNumberValue(statistics.Minimum);
                        writer.WriteNumberValue(statistics.Maximum);
                        writer.WriteEndArray();
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

    /// <summary>Puts the minutes at or after <paramref name="fromMinute"/> back into the aggregator.</summary>
    public static int Restore(MetricAggregator aggregator, ReadOnlySpan<byte> document, long fromMinute)
    {
        using var json = JsonDocument.Parse(document.ToArray());
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
            var table = aggregator.GetOrAdd(item.GetProperty("ns").GetString()!, item.GetProperty("name").GetString()!, item.GetProperty("unit").GetString()!);
            var series = table.Series(dimensions);
            foreach (var point in item.GetProperty("points").EnumerateArray())
            {
                var minute = point[0].GetInt64();
                if (minute >= fromMinute)
                {
                    series.Restore(minute, new MetricStatistics(point[1].GetInt64(), point[2].GetDouble(), point[3].GetDouble(), point[4].GetDouble()));
                    restored++;
                }
            }
        }

        return restored;
    }
}
