namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// The principal of the REST call in progress (a bearer token's name or a signing access key id), set by the REST
/// filter for the route it guards and read when the route runs an AWS operation, which is then authorized as that
/// principal's AWS call would be. Null when signatures are not verified.
/// </summary>
public static class RestCaller
{
    private static readonly AsyncLocal<string?> CurrentName = new();

    public static string? Current
    {
        get => CurrentName.Value;
        set => CurrentName.Value = value;
    }
}
