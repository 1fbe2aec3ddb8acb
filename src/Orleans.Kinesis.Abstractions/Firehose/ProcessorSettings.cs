namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>One processor (Lambda, AppendDelimiterToRecord, …) and its parameters in the order given.</summary>
public sealed class ProcessorSettings
{
    public string Type { get; set; } = "";

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
