using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// Authorizes a call as AWS evaluates policies. The action is <c>kinesis:&lt;Operation&gt;</c> or
/// <c>firehose:&lt;Operation&gt;</c>, the resource the ARN the request addresses (<see cref="RequestResource"/>).
/// A principal of the server's account needs its identity policy to allow the call (a principal without one may do
/// everything). A principal the policy file binds to another account must address a stream or consumer of this
/// account by ARN, and then needs both its identity policy (if any) and that resource's policy
/// (PutResourcePolicy) to allow it. An explicit Deny in either wins. A denied call gets AccessDeniedException with
/// the service's wording.
/// </summary>
public sealed class AccessPolicies
{
    private readonly IReadOnlyDictionary<string, PolicyDocument> _policies;
    private readonly IReadOnlyDictionary<string, string> _accounts;
    private readonly KinesisServiceOptions _service;
    private readonly IGrainFactory _grains;

    public AccessPolicies(IOptions<GatewayOptions> gateway, IOptions<KinesisServiceOptions> service, IGrainFactory grains)
    {
        _policies = gateway.Value.Policies;
        _accounts = gateway.Value.PrincipalAccounts;
        _service = service.Value;
        _grains = grains;
    }

    /// <summary>Null when <paramref name="name"/> (an access key id or bearer token name) may make the call, else the error to answer.</summary>
    public ValueTask<KinesisException?> AuthorizeAsync(string name, KinesisOperation operation, ReadOnlySpan<byte> body)
    {
        var account = _accounts.TryGetValue(name, out var bound) ? bound : _service.AccountId;
        if (account == _service.AccountId && _policies.Count == 0)
        {
            return ValueTask.FromResult<KinesisException?>(null);
        }

        var principal = new PolicyPrincipal(name, account);
        var action = OperationLookup.IsFirehose(operation)
            ? "firehose:" + operation.ToString()["Firehose".Length..]
            : "kinesis:" + operation;
        var resource = RequestResource.Of(body, _service.Region, account);
        var identity = _policies.TryGetValue(name, out var policy) ? policy.Evaluate(action, resource.Arn, principal: null) : PolicyDecision.Allowed;
        if (identity != PolicyDecision.Allowed)
        {
            return ValueTask.FromResult<KinesisException?>(Denied(principal, action, resource.Arn, identity, "identity-based"));
        }

        if (account == _service.AccountId)
        {
            return ValueTask.FromResult<KinesisException?>(null);
        }

        if (resource.Name is { } streamName && !OperationLookup.IsFirehose(operation))
        {
            // A name resolves in the caller's own account, which this server does not hold.
            return ValueTask.FromResult<KinesisException?>(KinesisErrors.StreamNotFound(streamName, account));
        }

        if (OperationLookup.IsFirehose(operation) || !resource.IsIn(_service.Region, _service.AccountId))
        {
            return ValueTask.FromResult<KinesisException?>(Denied(principal, action, resource.Arn, PolicyDecision.NotAllowed, "resource-based"));
        }

        return ResourcePolicyAsync(principal, action, resource.Arn);
    }

    private async ValueTask<KinesisException?> ResourcePolicyAsync(PolicyPrincipal principal, string action, string resource)
    {
        var text = await _grains.GetGrain<IResourcePolicyGrain>(resource).GetAsync();
        var decision = PolicyDecision.NotAllowed;
        if (text is not null && TryParse(text) is { } policy)
        {
            decision = policy.Evaluate(action, resource, principal);
        }

        return decision == PolicyDecision.Allowed ? null : Denied(principal, action, resource, decision, "resource-based");
    }

    /// <summary>Parses a stored resource policy; null (nothing allowed) for a document that is not a resource policy.</summary>
    public static PolicyDocument? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return PolicyDocument.Parse(document.RootElement, resourcePolicy: true);
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            return null;
        }
    }

    private static KinesisException Denied(PolicyPrincipal principal, string action, string resource, PolicyDecision decision, string kind)
    {
        var reason = decision == PolicyDecision.ExplicitDeny ? $"with an explicit deny in {(kind == "identity-based" ? "an" : "a")} {kind} policy" : $"because no {kind} policy allows the {action} action";
        return new KinesisException("AccessDeniedException",
            $"User: {principal.Arn} is not authorized to perform: {action} on resource: {resource} {reason}");
    }
}
