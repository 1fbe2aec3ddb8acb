namespace Orleans.Kinesis.Actors.Core;

/// <summary>Grain identity: the grain interface type and the string key.</summary>
internal readonly record struct GrainId(Type InterfaceType, string Key)
{
    public override string ToString() => InterfaceType.Name + "/" + Key;
}
