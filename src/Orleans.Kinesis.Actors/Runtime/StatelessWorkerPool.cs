using Orleans.Kinesis.Actors.Core;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>
/// The local activations of one stateless worker id. A call goes to an idle worker; a new worker is created
/// only when all are busy and the pool is below its bound; otherwise the least loaded worker queues the call.
/// </summary>
internal sealed class StatelessWorkerPool
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _workers = [];
    private readonly ActivationCatalog _catalog;
    private readonly GrainId _id;
    private readonly GrainClassInfo _grainClass;

    public StatelessWorkerPool(ActivationCatalog catalog, GrainId id, GrainClassInfo grainClass)
    {
        _catalog = catalog;
        _id = id;
        _grainClass = grainClass;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count;
            }
        }
    }

    public ActivationData Select()
    {
        lock (_lock)
        {
            ActivationData? best = null;
            var bestLoad = int.MaxValue;
            foreach (var worker in _workers)
            {
                var load = worker.Load;
                if (load == 0)
                {
                    return worker;
                }

                if (load < bestLoad)
                {
                    best = worker;
                    bestLoad = load;
                }
            }

            if (best is null || _workers.Count < _grainClass.MaxLocalWorkers)
            {
                var created = _catalog.CreateActivation(_id, _grainClass);
                _workers.Add(created);
                return created;
            }

            return best;
        }
    }

    public void Remove(ActivationData worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }

    public void CopyTo(List<ActivationData> target)
    {
        lock (_lock)
        {
            target.AddRange(_workers);
        }
    }
}
