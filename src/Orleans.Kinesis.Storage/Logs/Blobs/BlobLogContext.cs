using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Fencing;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>What a <see cref="BlobRecordLog"/> needs from its store; <see cref="Prefix"/> is the shard's folder ("…/shardId-…/").</summary>
internal sealed record BlobLogContext(
    BlobContainer Container,
    string Prefix,
    BlobStorageOptions Options,
    ILogger Logger,
    StorageInstruments Instruments,
    TimeProvider TimeProvider,
    ILogOwnerLiveness Liveness,
    HotTailBudget HotTailBudget,
    TimeProvider LeaseClock,
    Action<BlobRecordLog> OnDisposed);
