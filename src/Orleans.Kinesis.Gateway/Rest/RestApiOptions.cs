namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>Settings of the REST API and the web console.</summary>
public sealed class RestApiOptions
{
    /// <summary>
    /// Tokens accepted as <c>Authorization: Bearer &lt;token&gt;</c> on /api/v1 when signatures are verified (the
    /// console sends one); SigV4-signed requests with a configured access key are accepted as well. A token given as
    /// <c>&lt;name&gt;:&lt;token&gt;</c> acts as the principal <c>name</c> (<see cref="Authorization.BearerToken"/>).
    /// </summary>
    public List<string> BearerTokens { get; } = [];
}
