using System.Text.Json;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// Resource policies (Put/Get/DeleteResourcePolicy on a stream or consumer ARN) and the account settings
/// (Describe/UpdateAccountSettings: the minimum throughput billing commitment).
/// </summary>
public sealed class AccountHandlers
{
    private static readonly string[] CommitmentStatuses = ["ENABLED", "DISABLED"];
    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;

    public AccountHandlers(IGrainFactory grains, StreamResolver streams)
    {
        _grains = grains;
        _streams = streams;
    }

    public async Task PutPolicyAsync(KinesisRequest request)
    {
        var (arn, policy) = ReadPolicyRequest(request.BodySpan, policyRequired: true);
        if (!IsJsonObject(policy!))
        {
            throw KinesisErrors.InvalidArgumentError("The policy is not a valid JSON policy document.");
        }

        await RequireResourceAsync(arn);
        await Policy(arn).PutAsync(policy!);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task GetPolicyAsync(KinesisRequest request)
    {
        var (arn, _) = ReadPolicyRequest(request.BodySpan, policyRequired: false);
        await RequireResourceAsync(arn);
        var policy = await Policy(arn).GetAsync();
        using var response = new JsonResponse(256 + (policy?.Length ?? 0));
        response.Writer.WriteStartObject();
        response.Writer.WriteString("Policy"u8, policy ?? "{}");
        response.Writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task DeletePolicyAsync(KinesisRequest request)
    {
        var (arn, _) = ReadPolicyRequest(request.BodySpan, policyRequired: false);
        await RequireResourceAsync(arn);
        await Policy(arn).DeleteAsync();
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task DescribeSettingsAsync(KinesisRequest request)
    {
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out _))
        {
            reader.Skip();
        }

        await SendCommitmentAsync(request, await Settings().GetCommitmentAsync());
    }

    public async Task UpdateSettingsAsync(KinesisRequest request)
    {
        string? status = null;
        var hasCommitment = false;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("MinimumThroughputBillingCommitment"u8) && reader.BeginObject())
            {
                hasCommitment = true;
                while (reader.NextMember(out var inner))
                {
                    if (inner.SequenceEqual("Status"u8))
                    {
                        status = reader.ReadString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        if (!hasCommitment)
        {
            errors.Required(null, "minimumThroughputBillingCommitment");
        }
        else
        {
            errors.Required(status, "minimumThroughputBillingCommitment.status");
            errors.Enum(status, "minimumThroughputBillingCommitment.status", CommitmentStatuses);
        }

        errors.ThrowIfAny();
        await SendCommitmentAsync(request, await Settings().SetCommitmentAsync(status == "ENABLED"));
    }

    private static async Task SendCommitmentAsync(KinesisRequest request, BillingCommitment commitment)
    {
        using var response = new JsonResponse(256);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("MinimumThroughputBillingCommitment"u8);
        writer.WriteString("Status"u8, commitment.Status);
        WriteTime(writer, "StartedAt"u8, commitment.StartedAtMs);
        WriteTime(writer, "EndedAt"u8, commitment.EndedAtMs);
        WriteTime(writer, "EarliestAllowedEndAt"u8, commitment.EarliestAllowedEndAtMs);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static void WriteTime(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? epochMs)
    {
        if (epochMs is { } ms)
        {
            writer.WriteEpochSeconds(name, ms);
        }
    }

    private static (string Arn, string? Policy) ReadPolicyRequest(ReadOnlySpan<byte> body, bool policyRequired)
    {
        string? arn = null, policy = null;
        var reader = new RequestReader(body);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("ResourceARN"u8))
            {
                arn = reader.ReadString();
            }
            else if (member.SequenceEqual("Policy"u8))
            {
                policy = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        errors.Required(arn, "resourceARN");
        errors.Length(arn, "resourceARN", 1, 2048);
        if (policyRequired)
        {
            errors.Required(policy, "policy");
        }

        errors.ThrowIfAny();
        return (arn!, policy);
    }

    /// <summary>The ARN must name an existing stream or consumer of this account.</summary>
    private async Task RequireResourceAsync(string arn)
    {
        if (ConsumerAddress.IsConsumerArn(arn))
        {
            var (stream, consumer) = ConsumerAddress.Resolve(arn, _streams.Options);
            var snapshot = await _streams.GetAsync(stream);
            if (snapshot.FindConsumer(consumer) is not { } found || found.ConsumerArn != arn)
            {
                throw KinesisErrors.ConsumerNotFound(arn, stream, _streams.Account);
            }

            return;
        }

        if (!Patterns.IsStreamArn(arn))
        {
            throw new KinesisException(KinesisErrors.ResourceNotFound, $"Resource {arn} not found.");
        }

        await _streams.GetAsync(_streams.ResolveName(null, arn));
    }

    private IResourcePolicyGrain Policy(string arn) => _grains.GetGrain<IResourcePolicyGrain>(arn);

    private IAccountSettingsGrain Settings() => _grains.GetGrain<IAccountSettingsGrain>(IAccountSettingsGrain.DefaultKey);

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
