namespace Orleans.Kinesis.Actors.Invocation;

/// <summary>The supported return shapes of grain interface methods.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
