using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orleans.Kinesis.Actors.State;

/// <summary>Persistent state stored through <see cref="IGrainStorage"/> as System.Text.Json bytes with an ETag.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainStateLoader
    where TState : class, new()
{
    private readonly string _stateName;
    private readonly string _key;
    private readonly IGrainStorage _storage;
    private readonly JsonTypeInfo<TState> _typeInfo;

    public PersistentState(string stateName, string key, IGrainStorage storage, JsonSerializerOptions serializerOptions)
    {
        _stateName = stateName;
        _key = key;
        _storage = storage;
        _typeInfo = (JsonTypeInfo<TState>)serializerOptions.GetTypeInfo(typeof(TState));
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        var document = await _storage.ReadAsync(_stateName, _key, cancellationToken);
        if (document is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = JsonSerializer.Deserialize(document.Data.Span, _typeInfo) ?? new TState();
        Etag = document.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, _typeInfo);
        Etag = await _storage.WriteAsync(_stateName, _key, data, Etag, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken)
    {
        if (Etag is not null)
        {
            await _storage.DeleteAsync(_stateName, _key, Etag, cancellationToken);
        }

        State = new TState();
        Etag = null;
        RecordExists = false;
    }
}
