using System.Buffers.Binary;
using System.Text;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// A small CBOR encoder and decoder written for the tests, independent of the server's transcoders: maps with text
/// keys, text and byte strings, integers, doubles, booleans, null, arrays and tags (definite lengths when encoding,
/// both kinds when decoding).
/// </summary>
public static class TestCbor
{
    public sealed record Tagged(ulong Tag, object? Value);

    public static byte[] Encode(object? value)
    {
        var output = new List<byte>();
        Write(output, value);
        return [.. output];
    }

    public static object? Decode(byte[] data)
    {
        var decoder = new Decoder(data);
        var value = decoder.Read();
        Assert.Equal(data.Length, decoder.Position);
        return value;
    }

    private static void Write(List<byte> output, object? value)
    {
        switch (value)
        {
            case null:
                output.Add(0xf6);
                break;
            case bool b:
                output.Add(b ? (byte)0xf5 : (byte)0xf4);
                break;
            case int i:
                Write(output, (long)i);
                break;
            case long l when l >= 0:
                Header(output, 0, (ulong)l);
                break;
            case long l:
                Header(output, 1, (ulong)(-1 - l));
                break;
            case double d:
                output.Add(0xfb);
                var bytes = new byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(bytes, d);
                output.AddRange(bytes);
                break;
            case string s:
                var utf8 = Encoding.UTF8.GetBytes(s);
                Header(output, 3, (ulong)utf8.Length);
                output.AddRange(utf8);
                break;
            case byte[] blob:
                Header(output, 2, (ulong)blob.Length);
                output.AddRange(blob);
                break;
            case Tagged tagged:
                Header(output, 6, tagged.Tag);
                Write(output, tagged.Value);
                break;
            case IDictionary<string, object?> map:
                Header(output, 5, (ulong)map.Count);
                foreach (var (key, item) in map)
                {
                    Write(output, key);
                    Write(output, item);
                }

                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                Header(output, 4, (ulong)items.Count);
                foreach (var item in items)
                {
                    Write(output, item);
                }

                break;
            default:
                throw new ArgumentException("cannot encode " + value.GetType());
        }
    }

    private static void Header(List<byte> output, int major, ulong argument)
    {
        var top = (byte)(major << 5);
        if (argument < 24)
        {
            output.Add((byte)(top | (byte)argument));
        }
        else if (argument <= byte.MaxValue)
        {
            output.Add((byte)(top | 24));
            output.Add((byte)argument);
        }
        else if (argument <= uint.MaxValue)
        {
            output.Add((byte)(top | 26));
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)argument);
            output.AddRange(bytes);
        }
        else
        {
            output.Add((byte)(top | 27));
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, argument);
            output.AddRange(bytes);
        }
    }

    private sealed class Decoder(byte[] data)
    {
        public int Position { get; private set; }

        public object? Read()
        {
            var initial = data[Position++];
            var major = initial >> 5;
            var info = initial & 0x1f;
            switch (major)
            {
                case 0:
                    return (long)Argument(info);
                case 1:
                    return -1 - (long)Argument(info);
                case 2:
                case 3:
                    var bytes = ReadBytes(info);
                    return major == 2 ? bytes : Encoding.UTF8.GetString(bytes);
                case 4:
                    var list = new List<object?>();
                    ReadItems(info, () => list.Add(Read()));
                    return list;
                case 5:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    ReadItems(info, () =>
                    {
                        var key = (string)Read()!;
                        map[key] = Read();
                    });
                    return map;
                case 6:
                    var tag = Argument(info);
                    return new Tagged(tag, Read());
                default:
                    return info switch
                    {
                        20 => false,
                        21 => true,
                        22 or 23 => null,
                        27 => ReadDouble(),
                        _ => throw new FormatException("unsupported simple value " + info),
                    };
            }
        }

        private double ReadDouble()
        {
            var value = BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(Position, 8));
            Position += 8;
            return value;
        }

        private void ReadItems(int info, Action readOne)
        {
            if (info == 31)
            {
                while (data[Position] != 0xff)
                {
                    readOne();
                }

                Position++;
                return;
            }

            var count = Argument(info);
            for (ulong i = 0; i < count; i++)
            {
                readOne();
            }
        }

        private byte[] ReadBytes(int info)
        {
            if (info == 31)
            {
                var chunks = new List<byte>();
                while (data[Position] != 0xff)
                {
                    chunks.AddRange(ReadBytes(data[Position++] & 0x1f));
                }

                Position++;
                return [.. chunks];
            }

            var length = (int)Argument(info);
            var bytes = data.AsSpan(Position, length).ToArray();
            Position += length;
            return bytes;
        }

        private ulong Argument(int info)
        {
            ulong value;
            switch (info)
            {
                case < 24:
                    return (ulong)info;
                case 24:
                    return data[Position++];
                case 25:
                    value = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(Position, 2));
                    Position += 2;
                    return value;
                case 26:
                    value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(Position, 4));
                    Position += 4;
                    return value;
                default:
                    value = BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(Position, 8));
                    Position += 8;
                    return value;
            }
        }
    }
}
