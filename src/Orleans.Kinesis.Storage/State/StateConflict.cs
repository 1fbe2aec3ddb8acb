using Orleans.Storage;

namespace Orleans.Kinesis.Storage.State;

internal static class StateConflict
{
    public static InconsistentStateException Create(string stateType, string key, string? storedEtag, string? expectedEtag) =>
        new(
            $"ETag mismatch for {stateType} document '{key}': stored '{storedEtag ?? "<none>"}', expected '{expectedEtag ?? "<none>"}'.",
            storedEtag,
            expectedEtag);
}
