namespace Orleans.Kinesis.Grains.Directory;

/// <summary>The persisted list of stream names, kept sorted ordinally.</summary>
public sealed class StreamDirectoryState
{
    public List<string> Names { get; set; } = [];
}
