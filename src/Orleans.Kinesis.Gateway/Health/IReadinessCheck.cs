namespace Orleans.Kinesis.Gateway.Health;

/// <summary>One condition of <c>/readyz</c> (storage reachable, log writers healthy, silo active…).</summary>
public interface IReadinessCheck
{
    /// <summary>A short name shown in the readiness answer (no details that could be sensitive).</summary>
    string Name { get; }

    /// <summary>Whether the condition holds now; should answer within a couple of seconds.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
