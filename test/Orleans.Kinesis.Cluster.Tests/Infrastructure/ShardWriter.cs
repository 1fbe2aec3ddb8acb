using System.Diagnostics;
using System.Net;
using System.Text;

namespace Orleans.Kinesis.Cluster.Tests.Infrastructure;

/// <summary>
/// One sequential producer pinned to one shard (by explicit hash key): record <c>n</c> carries <c>load:writer:n</c>. A
/// failed put is not retried with the same payload (a retry could store a record twice); the next record gets the next
/// number, so every acknowledged number must be stored exactly once and numbers appear in order. It sends each put to
/// the next node of <see cref="Endpoints"/> after a failure.
/// </summary>
public sealed class ShardWriter(LocalCluster cluster, string stream, string load, int id, string hashKey, Func<IReadOnlyList<Uri>> endpoints, Stopwatch clock)
{
    private readonly List<Acknowledged> _acknowledged = [];
    private readonly List<TimeSpan> _failures = [];

    public int Id => id;

    public Func<IReadOnlyList<Uri>> Endpoints => endpoints;

    public int Attempted { get; private set; }

    public IReadOnlyList<Acknowledged> AcknowledgedRecords
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    public int AcknowledgedCount
    {
        get
        {
            lock (_acknowledged)
            {
                return _acknowledged.Count;
            }
        }
    }

    public IReadOnlyList<TimeSpan> FailureTimes
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Writes until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var next = id;
        while (!stop.IsCancellationRequested)
        {
            var live = endpoints();
            var endpoint = live[next % live.Count];
            var n = Attempted++;
            var data = Convert.ToBase64String(Encoding.ASCII.GetBytes(load + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            try
            {
                var response = await cluster.Http(endpoint).CallAsync("PutRecord", new { StreamName = stream, PartitionKey = "w", ExplicitHashKey = hashKey, Data = data });
                if (response.Status == HttpStatusCode.OK)
                {
                    lock (_acknowledged)
                    {
                        _acknowledged.Add(new Acknowledged(n, response.Json!["SequenceNumber"]!.GetValue<string>(), clock.Elapsed));
                    }

                    continue;
                }
            }
            catch (HttpRequestException)
            {
                // The node went away mid-request: whether the record was stored is unknown.
            }
            catch (TaskCanceledException)
            {
                // The client's timeout: unknown as well.
            }

            lock (_acknowledged)
            {
                _failures.Add(clock.Elapsed);
            }

            next++;
        }
    }

    /// <summary>An acknowledged put: the record's number, its sequence number, and when the acknowledgement came.</summary>
    public sealed record Acknowledged(int N, string SequenceNumber, TimeSpan At);
}
