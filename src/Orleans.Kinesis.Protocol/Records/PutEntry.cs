using System.Buffers;
using System.Buffers.Text;

namespace Orleans.Kinesis.Protocol.Records;

/// <summary>
/// One record of a PutRecord(s) request as parsed: UTF-8 partition key (a slice of the request buffer unless it was
/// escaped), the data, the partition key's length in UTF-16 units, and the optional explicit hash key. PutRecord(s)
/// keep the data as its checked base64 text (<see cref="EncodedData"/>) and decode it once, straight into the memory
/// that is sent to the shard (<see cref="CopyDataTo"/>); Firehose puts decode it in place (<see cref="Data"/>).
/// </summary>
public struct PutEntry
{
    public ReadOnlyMemory<byte> PartitionKey { get; set; }

    /// <summary>The decoded data when it was decoded in place (Firehose puts); empty when <see cref="EncodedData"/> holds it.</summary>
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>The data's base64 text, already checked to decode to <see cref="DataLength"/> bytes (PutRecord(s)); see <see cref="SetEncodedData"/>.</summary>
    public ReadOnlyMemory<byte> EncodedData { readonly get; private set; }

    /// <summary>Bytes of decoded data.</summary>
    public readonly int DataLength => EncodedData.IsEmpty ? Data.Length : _decodedLength;

    private int _decodedLength;

    public int PartitionKeyChars { get; set; }
    public string? ExplicitHashKey { get; set; }
    public bool HasPartitionKey { get; set; }
    public bool HasData { get; set; }

    /// <summary>Keeps the data as base64 text that was checked to decode to <paramref name="decodedLength"/> bytes.</summary>
    public void SetEncodedData(ReadOnlyMemory<byte> encoded, int decodedLength)
    {
        Data = default;
        EncodedData = encoded;
        _decodedLength = decodedLength;
    }

    /// <summary>Writes the decoded data (<see cref="DataLength"/> bytes) into <paramref name="destination"/>.</summary>
    public readonly void CopyDataTo(Span<byte> destination)
    {
        if (EncodedData.IsEmpty)
        {
            Data.Span.CopyTo(destination);
        }
        else if (Base64.DecodeFromUtf8(EncodedData.Span, destination, out _, out var written) != OperationStatus.Done || written != DataLength)
        {
            throw new InvalidOperationException("The data's base64 was checked when the request was read");
        }
    }
}
