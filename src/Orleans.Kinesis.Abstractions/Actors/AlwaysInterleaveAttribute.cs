namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>
/// Marks a grain interface method whose calls may interleave with other requests at await points.
/// Turns still never overlap: only one piece of the activation's code runs at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
