namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>One processor (Lambda, AppendDelimiterToRecord, …) and its parameters in the order given.</summary>
[GenerateSerializer, Alias("kinesis.ProcessorSettings")]
public sealed class ProcessorSettings
{
    [Id(0)]
    public string Type { get; set; } = "";

    [Id(1)]
    public List<ProcessorParameter> Parameters { get; set; } = [];

    public string? Parameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.ParameterName, name, StringComparison.Ordinal))
            {
                return parameter.ParameterValue;
            }
        }

        return null;
    }
}
