namespace Orleans.Kinesis.Client.Model;

public sealed record Tag
{
    public required string Key { get; init; }

    public string? Value { get; init; }
}
