using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>The service's rules for Start/StopStreamEncryption, applied to a stream's state.</summary>
internal static class StreamEncryption
{
    public const string Kms = "KMS";
    public const string None = "NONE";
    public const int MaxChangesPerDay = 25;
    private const long DayMs = 24L * 3_600_000;

    /// <summary>Turns encryption on under <paramref name="keyArn"/>; returns whether anything changed.</summary>
    public static bool Start(StreamState state, string keyId, string keyArn, long nowMs, string account)
    {
        if (state.EncryptionType == Kms && string.Equals(state.KeyId, keyId, StringComparison.Ordinal))
        {
            return false;
        }

        CountChange(state, nowMs, account);
        var slot = state.EncryptionKeys.IndexOf(keyArn);
        if (slot < 0)
        {
            state.EncryptionKeys.Add(keyArn);
            slot = state.EncryptionKeys.Count - 1;
        }

        state.EncryptionType = Kms;
        state.KeyId = keyId;
        state.EncryptionKeySlot = slot;
        return true;
    }

    /// <summary>Turns encryption off (records already stored stay encrypted and readable); returns whether anything changed.</summary>
    public static bool Stop(StreamState state, long nowMs, string account)
    {
        if (state.EncryptionType != Kms)
        {
            return false;
        }

        CountChange(state, nowMs, account);
        state.EncryptionType = None;
        state.KeyId = null;
        state.EncryptionKeySlot = -1;
        return true;
    }

    private static void CountChange(StreamState state, long nowMs, string account)
    {
        state.EncryptionChangesMs.RemoveAll(changed => nowMs - changed >= DayMs);
        if (state.EncryptionChangesMs.Count >= MaxChangesPerDay)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Stream {state.Name} under account {account} has exceeded the limit of {MaxChangesPerDay} encryption changes (StartStreamEncryption or StopStreamEncryption) in a rolling 24 hours."));
        }

        state.EncryptionChangesMs.Add(nowMs);
    }
}
