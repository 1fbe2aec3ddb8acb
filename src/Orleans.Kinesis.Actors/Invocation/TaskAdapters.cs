namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>Adapts non-generic grain results to <see cref="ValueTask{TResult}"/> without allocating when already complete.</summary>
internal static class TaskAdapters
{
    public static ValueTask<object?> FromTaskAsync(Task task) =>
        task.IsCompletedSuccessfully ? default : new ValueTask<object?>(AwaitAsync(task));

    public static ValueTask<object?> FromValueTaskAsync(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : new ValueTask<object?>(AwaitAsync(task.AsTask()));

    private static async Task<object?> AwaitAsync(Task task)
    {
        // Only propagates completion; nothing runs after the await, so leaving the turn is harmless.
        await task.ConfigureAwait(false);
        return null;
    }
}
