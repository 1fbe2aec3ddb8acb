using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Authorization;

/// <summary>
/// Enforces the identity policies bound to access keys (<see cref="GatewayOptions.Policies"/>): the action is
/// <c>kinesis:&lt;Operation&gt;</c> or <c>firehose:&lt;Operation&gt;</c>, the resource the ARN the request addresses
/// (StreamARN, ConsumerARN, ResourceARN, or the ARN of StreamName / DeliveryStreamName; <c>*</c> when it names none).
/// A key without a policy may do everything. A denied call gets AccessDeniedException with the service's wording.
/// </summary>
public sealed class AccessPolicies
{
    private readonly IReadOnlyDictionary<string, PolicyDocument> _policies;
    private readonly KinesisServiceOptions _service;

    public AccessPolicies(IOptions<GatewayOptions> gateway, IOptions<KinesisServiceOptions> service)
    {
        _policies = gateway.Value.Policies;
        _service = service.Value;
    }

    public KinesisException? Authorize(string accessKeyId, KinesisOperation operation, ReadOnlySpan<byte> body)
    {
        if (!_policies.TryGetValue(accessKeyId, out var policy))
        {
            return null;
        }

        var action = OperationLookup.IsFirehose(operation)
            ? "firehose:" + operation.ToString()["Firehose".Length..]
            : "kinesis:" + operation;
        var resource = ResourceOf(body);
        if (policy.Allows(action, resource, out var explicitDeny))
        {
            return null;
        }

        var reason = explicitDeny ? "with an explicit deny in an identity-based policy" : $"because no identity-based policy allows the {action} action";
        return new KinesisException("AccessDeniedException",
            $"User: arn:aws:iam::{_service.AccountId}:user/{accessKeyId} is not authorized to perform: {action} on resource: {resource} {reason}");
    }

    private string ResourceOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            string? streamName = null, deliveryStreamName = null;
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.String)
                    {
                        reader.Skip();
                        continue;
                    }

                    switch (name)
                    {
                        case "ConsumerARN" or "StreamARN" or "ResourceARN":
                            return reader.GetString()!;
                        case "StreamName":
                            streamName = reader.GetString();
                            break;
                        case "DeliveryStreamName":
                            deliveryStreamName = reader.GetString();
                            break;
                    }
                }
            }

            return streamName is not null ? $"arn:aws:kinesis:{_service.Region}:{_service.AccountId}:stream/{streamName}"
                : deliveryStreamName is not null ? $"arn:aws:firehose:{_service.Region}:{_service.AccountId}:deliverystream/{deliveryStreamName}"
                : "*";
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return "*"; // a body the handler will refuse; authorize it as a call on no particular resource
        }
    }
}
