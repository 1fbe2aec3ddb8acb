using System.ComponentModel;
using System.Globalization;
using System.Net;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>Lets the configuration binder read <see cref="IPAddress"/> values such as <c>0.0.0.0</c> or <c>::1</c>.</summary>
internal sealed class IPAddressConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? IPAddress.TryParse(text.Trim(), out var address) ? address : throw new FormatException($"'{text}' is not an IP address.")
            : base.ConvertFrom(context, culture, value);
}
