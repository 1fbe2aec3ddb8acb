namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// Consecutive frames a read needs: either a slice of a hot-tail buffer (<see cref="Segment"/> is null) or a byte
/// range of a segment whose device was referenced (<see cref="Devices.ISegmentDevice.TryAddReader"/>) so trimming cannot close it mid-read.
/// </summary>
internal struct ReadPiece
{
    public HotBlock? HotBlock;
    public int HotOffset;
    public LogSegment? Segment;
    public long SegmentOffset;
    public int Length;
    public bool ReaderAdded;
}
