using System.Security.Cryptography;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Abstractions.Tests.Ids;

public sealed class Md5Tests
{
    [Fact]
    public void Hash_MatchesThePlatformMd5_ForEveryLengthAcrossBlockBoundaries()
    {
        var random = new Random(20240115);
        Span<byte> digest = stackalloc byte[16];
        for (var length = 0; length <= 1100; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
#pragma warning disable CA5351 // comparing against the reference implementation
            var expected = MD5.HashData(data);
#pragma warning restore CA5351
            Md5.Hash(data, digest);
            Assert.True(expected.AsSpan().SequenceEqual(digest), $"digest differs for length {length}");
        }
    }

    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6")]
    public void Hash_KnownVectors(string text, string hex)
    {
        Span<byte> digest = stackalloc byte[16];
        Md5.Hash(System.Text.Encoding.UTF8.GetBytes(text), digest);
        Assert.Equal(hex, Convert.ToHexStringLower(digest));
    }
}
