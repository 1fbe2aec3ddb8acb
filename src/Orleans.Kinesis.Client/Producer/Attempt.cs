namespace Orleans.Kinesis.Client.Producer;

/// <summary>One try at putting a user record: how long it waited, how long the call took, and how it ended.</summary>
public sealed record Attempt(TimeSpan Delay, TimeSpan Duration, bool Success, string? ErrorCode, string? ErrorMessage);
