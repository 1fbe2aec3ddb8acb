using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>ListStreams: names sorted, summaries, paging by ExclusiveStartStreamName or NextToken (Limit ≤ 100).</summary>
public sealed class ListStreamsHandler : IOperationHandler
{
    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;
    private readonly TokenCodec _tokens;
    private readonly TimeProvider _time;

    public ListStreamsHandler(IGrainFactory grains, StreamResolver streams, TokenCodec tokens, TimeProvider time)
    {
        _grains = grains;
        _streams = streams;
        _tokens = tokens;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.ListStreams;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? exclusiveStart = null, nextToken = null;
        int? limit = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("Limit"u8))
            {
                limit = reader.ReadInt32();
            }
            else if (member.SequenceEqual("ExclusiveStartStreamName"u8))
            {
                exclusiveStart = reader.ReadString();
            }
            else if (member.SequenceEqual("NextToken"u8))
            {
                nextToken = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        errors.Range(limit, "limit", 1, 10000);
        errors.StreamName(exclusiveStart, "exclusiveStartStreamName");
        errors.Length(nextToken, "nextToken", 1, 1048576);
        errors.ThrowIfAny();

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var after = nextToken is null ? exclusiveStart : PageToken.Decode(_tokens, nextToken, now, 1)[0];
        var take = Math.Min(limit ?? 100, 100);
        var page = await _grains.GetGrain<IStreamDirectoryGrain>(IStreamDirectoryGrain.DefaultKey).ListAsync(after, take);
        var snapshots = new Task<StreamSnapshot?>[page.Names.Count];
        for (var i = 0; i < snapshots.Length; i++)
        {
            snapshots[i] = _streams.Grain(page.Names[i]).GetSnapshotAsync();
        }

        var results = await Task.WhenAll(snapshots);

        using var response = new JsonResponse(1024);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("StreamNames"u8);
        foreach (var name in page.Names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("HasMoreStreams"u8, page.HasMore);
        writer.WriteStartArray("StreamSummaries"u8);
        foreach (var snapshot in results)
        {
            if (snapshot is { } stream)
            {
                SnapshotJson.WriteStreamSummary(writer, stream);
            }
        }

        writer.WriteEndArray();
        if (page.HasMore && page.Names.Count > 0)
        {
            writer.WriteString("NextToken"u8, PageToken.Encode(_tokens, now, page.Names[^1]));
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
