using System.Text;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// Turns an arbitrary key into a portable file name and back. ASCII letters, digits, '-' and '_' are kept,
/// '.' is kept except in first position, every other UTF-8 byte becomes <c>%XX</c> (upper-case hex).
/// </summary>
internal static class StorageKeyEscaper
{
    public const int MaxEscapedLength = 200;

    public static string Escape(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var builder = new StringBuilder(bytes.Length + 8);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (IsSafe(b) && !(b == (byte)'.' && i == 0))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        if (builder.Length > MaxEscapedLength)
        {
            throw new ArgumentException($"The key is too long to be stored as a file name ({builder.Length} characters once escaped, at most {MaxEscapedLength}).", nameof(key));
        }

        return builder.ToString();
    }

    public static bool TryUnescape(string name, out string key)
    {
        var bytes = new byte[name.Length];
        var count = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '%')
            {
                if (i + 2 >= name.Length || !TryHex(name[i + 1], out var high) || !TryHex(name[i + 2], out var low))
                {
                    key = string.Empty;
                    return false;
                }

                bytes[count++] = (byte)((high << 4) | low);
                i += 2;
            }
            else if (c < 0x80 && IsSafe((byte)c))
            {
                bytes[count++] = (byte)c;
            }
            else
            {
                key = string.Empty;
                return false;
            }
        }

        key = Encoding.UTF8.GetString(bytes, 0, count);
        return true;
    }

    private static bool IsSafe(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.';

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
