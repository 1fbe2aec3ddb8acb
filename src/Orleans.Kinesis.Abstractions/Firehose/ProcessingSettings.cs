namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A destination's ProcessingConfiguration: processors applied in order when enabled.</summary>
[GenerateSerializer, Alias("kinesis.ProcessingSettings")]
public sealed class ProcessingSettings
{
    [Id(0)]
    public bool Enabled { get; set; }

    [Id(1)]
    public List<ProcessorSettings> Processors { get; set; } = [];

    /// <summary>The first processor of <paramref name="type"/> when processing is enabled, else null.</summary>
    public ProcessorSettings? Find(string type)
    {
        if (!Enabled)
        {
            return null;
        }

        foreach (var processor in Processors)
        {
            if (string.Equals(processor.Type, type, StringComparison.Ordinal))
            {
                return processor;
            }
        }

        return null;
    }

    public ProcessingSettings Clone()
    {
        var copy = new ProcessingSettings { Enabled = Enabled };
        foreach (var processor in Processors)
        {
            copy.Processors.Add(new ProcessorSettings { Type = processor.Type, Parameters = [.. processor.Parameters] });
        }

        return copy;
    }
}
