using Orleans.Kinesis.Storage.State;

namespace Orleans.Kinesis.Storage.Tests.State;

public sealed class StorageKeyEscaperTests
{
    [Theory]
    [InlineData("plain-key_1.2", "plain-key_1.2")]
    [InlineData("a/b:c", "a%2Fb%3Ac")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData("..", "%2E.")]
    [InlineData("é", "%C3%A9")]
    [InlineData("", "")]
    public void Escape_ProducesSafeNameThatUnescapesBack(string key, string expected)
    {
        var escaped = StorageKeyEscaper.Escape(key);

        Assert.Equal(expected, escaped);
        Assert.True(StorageKeyEscaper.TryUnescape(escaped, out var back));
        Assert.Equal(key, back);
    }

    [Theory]
    [InlineData("bad%2")]
    [InlineData("bad%zz")]
    [InlineData("space here")]
    public void TryUnescape_ForeignFileName_ReturnsFalse(string name)
    {
        Assert.False(StorageKeyEscaper.TryUnescape(name, out _));
    }
}
