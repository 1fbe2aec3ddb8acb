namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// A command-line flag that sets one configuration key of <see cref="KinesisHostOptions"/>. A flag without a value
/// sets <see cref="FlagValue"/>; a repeatable one joins its values with commas.
/// </summary>
internal sealed record HostSwitch(string Alias, string Property, string Help, string? ValueName = null, string? FlagValue = null, bool Repeatable = false)
{
    public string Key => KinesisHostOptions.Section + ":" + Property;
}
