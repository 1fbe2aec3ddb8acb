namespace Orleans.Kinesis.Actors.Hosting;

/// <summary>One grain interface and the class implementing it.</summary>
internal sealed record GrainRegistration(Type InterfaceType, Type GrainType);
