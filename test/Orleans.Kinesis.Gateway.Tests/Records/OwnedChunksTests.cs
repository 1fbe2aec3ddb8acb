using System.Runtime.InteropServices;
using Orleans.Kinesis.Gateway.Records;

namespace Orleans.Kinesis.Gateway.Tests.Records;

public sealed class OwnedChunksTests
{
    private const int LargeObjectThreshold = 85_000;

    [Fact]
    public void Take_ABatchOf500KiBRecords_UsesOnlyArraysBelowTheLargeObjectHeap_AndPiecesNeverOverlap()
    {
        var chunks = new OwnedChunks(500 * (1024 + 8));
        var pieces = new List<Memory<byte>>();
        for (var i = 0; i < 500; i++)
        {
            pieces.Add(chunks.Take(8));
            pieces.Add(chunks.Take(1024));
        }

        var arrays = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        var spans = new Dictionary<byte[], List<(int Offset, int Length)>>(ReferenceEqualityComparer.Instance);
        foreach (var piece in pieces)
        {
            Assert.True(MemoryMarshal.TryGetArray<byte>(piece, out var segment));
            Assert.True(segment.Array!.Length < LargeObjectThreshold, $"a chunk of {segment.Array.Length} bytes is on the large-object heap");
            arrays.Add(segment.Array);
            if (!spans.TryGetValue(segment.Array, out var taken))
            {
                spans[segment.Array] = taken = [];
            }

            foreach (var (offset, length) in taken)
            {
                Assert.True(segment.Offset >= offset + length || segment.Offset + segment.Count <= offset, "two pieces share bytes");
            }

            taken.Add((segment.Offset, segment.Count));
        }

        Assert.Equal(8, arrays.Count); // 516,000 bytes in 64 KiB chunks
    }

    [Fact]
    public void Take_APieceLongerThanAChunk_GetsAnArrayOfExactlyItsLength()
    {
        var chunks = new OwnedChunks(1024 * 1024);
        var piece = chunks.Take(1024 * 1024);
        Assert.True(MemoryMarshal.TryGetArray<byte>(piece, out var segment));
        Assert.Equal(1024 * 1024, segment.Array!.Length);
    }
}
