using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Abstractions.Records;

/// <summary>
/// Opens records a stream stored encrypted (<see cref="RecordFlags.Encrypted"/>), for readers inside the host that are
/// not the gateway (a Firehose delivery stream reading a Kinesis stream). The gateway, which holds the master key,
/// provides it.
/// </summary>
public interface IRecordDecryptor
{
    /// <summary>
    /// The data of each record in the clear: unencrypted records as they are, encrypted ones opened into new arrays.
    /// Throws when a record was sealed under a key <paramref name="snapshot"/> does not list yet (read it again).
    /// </summary>
    ReadOnlyMemory<byte>[] Open(StreamSnapshot snapshot, ReadOnlySpan<RecordView> records);
}
