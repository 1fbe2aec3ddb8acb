using System.Globalization;
using System.Text;

namespace ProducerConsumer;

/// <summary>The sample's records: 100 bytes each, naming the run and an index, so content can be checked.</summary>
internal static class Records
{
    public const int Size = 100;

    public static byte[] Make(string run, int index)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{run}:{index}:");
        return Encoding.ASCII.GetBytes(text.PadRight(Size, '.'));
    }

    /// <summary>The index of a record of <paramref name="run"/> whose content is intact, else -1.</summary>
    public static int IndexOf(string run, ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data);
        var parts = text.Split(':');
        return parts.Length == 3 && parts[0] == run && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && text.Length == Size && Encoding.ASCII.GetBytes(text).AsSpan().SequenceEqual(Make(run, index)) ? index : -1;
    }
}
