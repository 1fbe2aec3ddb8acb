using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// A silo start-up task: activates every delivery stream the directory lists, so each arms its timer and reminder.
/// With a reminder table that survives restarts this only makes delivery start sooner; with the in-memory table
/// (one node on local files) it is what resumes delivery of records buffered before a restart. A stream that cannot
/// be activated is logged and left to its reminder or its next request; it never stops the silo from starting.
/// </summary>
public sealed partial class DeliveryResumption : IStartupTask
{
    private readonly IGrainFactory _grains;
    private readonly ILogger<DeliveryResumption> _logger;

    public DeliveryResumption(IGrainFactory grains, ILogger<DeliveryResumption> logger)
    {
        _grains = grains;
        _logger = logger;
    }

    public async Task Execute(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names;
        try
        {
            var directory = _grains.GetGrain<IDeliveryStreamDirectoryGrain>(IDeliveryStreamDirectoryGrain.DefaultKey);
            (names, _) = await directory.ListAsync(null, null, int.MaxValue);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ListFailed(_logger, e);
            return;
        }

        var resumptions = new Task[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            resumptions[i] = ResumeAsync(names[i]);
        }

        await Task.WhenAll(resumptions);
    }

    private async Task ResumeAsync(string name)
    {
        try
        {
            await _grains.GetGrain<IDeliveryStreamGrain>(name).ResumeAsync();
        }
        catch (Exception e)
        {
            Log.ResumeFailed(_logger, name, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GrainsEventIds.DeliveryListFailed, Level = LogLevel.Warning, Message = "Could not list the delivery streams to resume their delivery")]
        public static partial void ListFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = GrainsEventIds.DeliveryResumeFailed, Level = LogLevel.Warning, Message = "Delivery stream {Name} could not be resumed at start")]
        public static partial void ResumeFailed(ILogger logger, string name, Exception exception);
    }
}
