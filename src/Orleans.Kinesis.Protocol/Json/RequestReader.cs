using System.Text.Json;
using Orleans.Kinesis.Abstractions.Errors;

namespace Orleans.Kinesis.Protocol.Json;

/// <summary>
/// Reads the members of a JSON 1.1 request object with the service's type rules: unknown members are skipped,
/// <c>null</c> means absent, a value of the wrong JSON type is a <c>SerializationException</c>, and fractional
/// numbers sent for integer members are truncated.
/// </summary>
public ref struct RequestReader
{
    private Utf8JsonReader _reader;

    public RequestReader(ReadOnlySpan<byte> body)
    {
        _reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
            {
                throw KinesisErrors.SerializationError("Start of structure or map expected but not found");
            }
        }
        catch (JsonException)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    /// <summary>The raw reader, positioned on the current value; for hot-path readers that need offsets.</summary>
    public readonly Utf8JsonReader Raw => _reader;

    public readonly JsonTokenType TokenType => _reader.TokenType;

    public readonly long TokenStartIndex => _reader.TokenStartIndex;

    /// <summary>Moves to the next member's value and returns its name; false at the end of the object.</summary>
    public bool NextMember(out ReadOnlySpan<byte> name)
    {
        try
        {
            if (!_reader.Read() || _reader.TokenType == JsonTokenType.EndObject)
            {
                name = default;
                EnsureEnd();
                return false;
            }

            name = _reader.HasValueSequence || _reader.ValueIsEscaped ? Unescape() : _reader.ValueSpan;
            _reader.Read();
            return true;
        }
        catch (JsonException)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    public string? ReadString()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                try
                {
                    return _reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw InvalidUtf8();
                }

            default:
                throw Mismatch("a String");
        }
    }

    public int? ReadInt32()
    {
        var value = ReadInt64();
        return value is null ? null : (int)Math.Clamp(value.Value, int.MinValue, int.MaxValue);
    }

    public long? ReadInt64()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (_reader.TryGetInt64(out var whole))
                {
                    return whole;
                }

                var real = _reader.GetDouble();
                return real >= long.MaxValue ? long.MaxValue : real <= long.MinValue ? long.MinValue : (long)Math.Truncate(real);
            default:
                throw Mismatch("an Integer");
        }
    }

    public bool? ReadBoolean()
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Mismatch("a Boolean"),
        };
    }

    /// <summary>A timestamp member: epoch seconds with a fractional part, returned as epoch milliseconds.</summary>
    public long? ReadTimestampMs()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                var seconds = _reader.GetDouble();
                return (long)Math.Round(seconds * 1000.0, MidpointRounding.AwayFromZero);
            case JsonTokenType.String:
                throw KinesisErrors.SerializationError("class java.lang.String can not be converted to milliseconds since epoch");
            default:
                throw Mismatch("milliseconds since epoch");
        }
    }

    /// <summary>Enters an object member; false when it is null.</summary>
    public readonly bool BeginObject()
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.StartObject => true,
            JsonTokenType.StartArray => throw KinesisErrors.SerializationError("Start of list found where not expected"),
            _ => throw KinesisErrors.SerializationError("Expected a structure or map but found " + Describe(_reader.TokenType)),
        };
    }

    /// <summary>Enters an array member; false when it is null.</summary>
    public readonly bool BeginArray()
    {
        return _reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.StartArray => true,
            JsonTokenType.StartObject => throw KinesisErrors.SerializationError("Start of structure or map found where not expected"),
            _ => throw KinesisErrors.SerializationError("Expected a list but found " + Describe(_reader.TokenType)),
        };
    }

    /// <summary>Moves to the next array element; false at the end of the array.</summary>
    public bool NextElement()
    {
        try
        {
            return _reader.Read() && _reader.TokenType != JsonTokenType.EndArray;
        }
        catch (JsonException)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    public Dictionary<string, string>? ReadStringMap()
    {
        if (!BeginObject())
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextMember(out var name))
        {
            var key = System.Text.Encoding.UTF8.GetString(name);
            var value = ReadString();
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }

    public List<string>? ReadStringList()
    {
        if (!BeginArray())
        {
            return null;
        }

        var list = new List<string>();
        while (NextElement())
        {
            var value = ReadString();
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list;
    }

    /// <summary>Skips the current value (and its children).</summary>
    public void Skip()
    {
        try
        {
            _reader.Skip();
        }
        catch (JsonException)
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    /// <summary>The current string token's raw (still escaped) UTF-8 bytes; check <see cref="ValueIsEscaped"/>.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _reader.ValueSpan;

    public readonly bool ValueIsEscaped => _reader.ValueIsEscaped;

    public readonly int CopyString(Span<byte> destination)
    {
        try
        {
            return _reader.CopyString(destination);
        }
        catch (InvalidOperationException)
        {
            throw InvalidUtf8();
        }
    }

    private readonly byte[] Unescape()
    {
        var buffer = new byte[_reader.HasValueSequence ? _reader.ValueSequence.Length : _reader.ValueSpan.Length];
        try
        {
            var length = _reader.CopyString(buffer);
            return buffer.AsSpan(0, length).ToArray();
        }
        catch (InvalidOperationException)
        {
            throw InvalidUtf8();
        }
    }

    /// <summary>A string that is not valid UTF-8 cannot be a member of the request.</summary>
    public static KinesisException InvalidUtf8() => KinesisErrors.SerializationError("Invalid UTF-8 in a string value");

    private void EnsureEnd()
    {
        if (_reader.CurrentDepth == 0 && _reader.Read())
        {
            throw KinesisErrors.SerializationError("Malformed JSON request body");
        }
    }

    private readonly KinesisException Mismatch(string expected)
    {
        return _reader.TokenType switch
        {
            JsonTokenType.StartObject => KinesisErrors.SerializationError("Start of structure or map found where not expected"),
            JsonTokenType.StartArray => KinesisErrors.SerializationError("Start of list found where not expected"),
            _ => KinesisErrors.SerializationError(Describe(_reader.TokenType) + " can not be converted to " + expected),
        };
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "STRING_VALUE",
        JsonTokenType.Number => "NUMBER_VALUE",
        JsonTokenType.True or JsonTokenType.False => "BOOLEAN_VALUE",
        JsonTokenType.StartObject => "START_OBJECT",
        JsonTokenType.StartArray => "START_ARRAY",
        _ => token.ToString().ToUpperInvariant(),
    };
}
