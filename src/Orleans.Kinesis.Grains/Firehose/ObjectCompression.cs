using System.Buffers.Binary;
using System.IO.Compression;
using Snappier;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// The S3 CompressionFormat values applied to a whole object: GZIP (one gzip member), ZIP (an archive with one
/// entry), Snappy (the Snappy framing format, as Firehose writes it) and HADOOP_SNAPPY (Hadoop's block format:
/// big-endian uncompressed length, then compressed length and raw Snappy block per chunk).
/// </summary>
public static class ObjectCompression
{
    private const int HadoopBlockSize = 256 * 1024;

    /// <summary>The default file extension of a format (FileExtension overrides it).</summary>
    public static string Extension(string format) => format switch
    {
        "GZIP" => ".gz",
        "ZIP" => ".zip",
        "Snappy" => ".snappy",
        "HADOOP_SNAPPY" => ".hsnappy",
        _ => "",
    };

    public static byte[] Compress(string format, ReadOnlySpan<byte> content, string entryName)
    {
        switch (format)
        {
            case "GZIP":
                {
                    using var output = new MemoryStream();
                    using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(content);
                    }

                    return output.ToArray();
                }

            case "ZIP":
                {
                    using var output = new MemoryStream();
                    using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        using var entry = archive.CreateEntry(entryName, CompressionLevel.Fastest).Open();
                        entry.Write(content);
                    }

                    return output.ToArray();
                }

            case "Snappy":
                {
                    using var output = new MemoryStream();
                    using (var snappy = new SnappyStream(output, CompressionMode.Compress, leaveOpen: true))
                    {
                        snappy.Write(content);
                    }

                    return output.ToArray();
                }

            case "HADOOP_SNAPPY":
                return HadoopSnappy(content);
            default:
                return content.ToArray();
        }
    }

    private static byte[] HadoopSnappy(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[4];
        var offset = 0;
        do
        {
            var chunk = content.Slice(offset, Math.Min(HadoopBlockSize, content.Length - offset));
            var compressed = Snappy.CompressToArray(chunk);
            BinaryPrimitives.WriteInt32BigEndian(header, chunk.Length);
            output.Write(header);
            BinaryPrimitives.WriteInt32BigEndian(header, compressed.Length);
            output.Write(header);
            output.Write(compressed);
            offset += chunk.Length;
        }
        while (offset < content.Length);
        return output.ToArray();
    }
}
