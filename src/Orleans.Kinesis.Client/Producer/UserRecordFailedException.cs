namespace Orleans.Kinesis.Client.Producer;

/// <summary>A user record that could not be put (expired after <c>RecordTtl</c>, or refused); carries its attempts.</summary>
public sealed class UserRecordFailedException(UserRecordResult result, string message) : Exception(message)
{
    public UserRecordResult Result { get; } = result;
}
