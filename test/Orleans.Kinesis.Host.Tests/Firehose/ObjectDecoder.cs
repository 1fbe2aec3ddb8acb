using System.Buffers.Binary;
using System.IO.Compression;
using Snappier;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>Decompresses delivered objects by CompressionFormat.</summary>
public static class ObjectDecoder
{
    public static byte[] Decode(string format, byte[] content)
    {
        switch (format)
        {
            case "GZIP":
                return ReadAll(new GZipStream(new MemoryStream(content), CompressionMode.Decompress));
            case "ZIP":
                using (var archive = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
                {
                    return ReadAll(archive.Entries.Single().Open());
                }

            case "Snappy":
                return ReadAll(new SnappyStream(new MemoryStream(content), CompressionMode.Decompress));
            case "HADOOP_SNAPPY":
                var output = new MemoryStream();
                var at = 0;
                while (at < content.Length)
                {
                    var length = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(at));
                    var compressed = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(at + 4));
                    var block = Snappy.DecompressToArray(content.AsSpan(at + 8, compressed));
                    Assert.Equal(length, block.Length);
                    output.Write(block);
                    at += 8 + compressed;
                }

                return output.ToArray();
            default:
                return content;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
    }
}
