using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orleans.Kinesis.Gateway.Iterators;

/// <summary>
/// Encodes self-contained, authenticated tokens: shard iterators and page tokens carry their state and a truncated
/// HMAC-SHA256 under the server's key, so they need no server-side state and cannot be forged.
/// </summary>
public sealed class TokenCodec
{
    private const byte IteratorVersion = 1;
    private const int MacLength = 16;
    private const int HeaderLength = 34;
    private readonly byte[] _key;
    private int _nonce;

    public TokenCodec(IOptions<GatewayOptions> options)
    {
        _key = options.Value.TokenKey.Length >= 16 ? options.Value.TokenKey : RandomNumberGenerator.GetBytes(32);
    }

    public string EncodeIterator(in ShardIteratorToken token)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(token.StreamName);
        Span<byte> buffer = stackalloc byte[HeaderLength + nameBytes + MacLength];
        buffer[0] = IteratorVersion;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], token.IssuedMs);
        BinaryPrimitives.WriteInt64BigEndian(buffer[9..], token.Ordinal);
        BinaryPrimitives.WriteInt32BigEndian(buffer[17..], token.ShardIndex);
        BinaryPrimitives.WriteInt64BigEndian(buffer[21..], token.StreamCreatedMs);
        // A nonce makes every iterator a different string, as the service's are, even within one millisecond.
        BinaryPrimitives.WriteInt32BigEndian(buffer[29..], Interlocked.Increment(ref _nonce));
        buffer[33] = (byte)nameBytes;
        Encoding.UTF8.GetBytes(token.StreamName, buffer[HeaderLength..]);
        Sign(buffer[..^MacLength], buffer[^MacLength..]);
        return Convert.ToBase64String(buffer);
    }

    public bool TryDecodeIterator(string text, out ShardIteratorToken token)
    {
        token = default;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1]; // the service accepts an iterator wrapped in literal quotes
        }

        Span<byte> buffer = stackalloc byte[400];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length < HeaderLength + 1 + MacLength || buffer[0] != IteratorVersion)
        {
            return false;
        }

        var data = buffer[..length];
        var nameBytes = data[33];
        if (length != HeaderLength + nameBytes + MacLength || !Verify(data[..^MacLength], data[^MacLength..]))
        {
            return false;
        }

        token = new ShardIteratorToken(
            Encoding.UTF8.GetString(data.Slice(HeaderLength, nameBytes)),
            BinaryPrimitives.ReadInt64BigEndian(data[21..]),
            BinaryPrimitives.ReadInt32BigEndian(data[17..]),
            BinaryPrimitives.ReadInt64BigEndian(data[9..]),
            BinaryPrimitives.ReadInt64BigEndian(data[1..]));
        return true;
    }

    /// <summary>Encodes an opaque page token holding UTF-8 text.</summary>
    public string EncodeText(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var buffer = new byte[payload.Length + MacLength];
        payload.CopyTo(buffer, 0);
        Sign(payload, buffer.AsSpan(payload.Length));
        return Convert.ToBase64String(buffer);
    }

    public bool TryDecodeText(string token, out string text)
    {
        text = string.Empty;
        byte[] buffer;
        try
        {
            buffer = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            return false;
        }

        if (buffer.Length < MacLength || !Verify(buffer.AsSpan(0, buffer.Length - MacLength), buffer.AsSpan(buffer.Length - MacLength)))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(buffer, 0, buffer.Length - MacLength);
        return true;
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, data, full);
        full[..MacLength].CopyTo(mac);
    }

    private bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
