namespace Orleans.Kinesis.Protocol.Tests.Json;

/// <summary>Which <c>RequestReader</c> method a test reads a member with.</summary>
public enum Kind
{
    String,
    Int32,
    Int64,
    Boolean,
    Timestamp,
}
