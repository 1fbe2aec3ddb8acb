namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>Marks a grain class whose requests may all interleave at await points.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute
{
}
