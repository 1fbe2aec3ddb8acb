using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// An Orleans grain storage provider over a document store (files or memory): the state of
/// <c>[PersistentState("shard", …)]</c> of the grain with key <c>k</c> is the document <c>shard/k</c>, serialized by
/// the provider's <see cref="IGrainStorageSerializer"/> (JSON, so files stay readable). The document's ETag is the
/// grain state's ETag; a write or clear with a stale one throws <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class DocumentGrainStorage(IStateDocumentStore documents, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var document = await documents.ReadAsync(stateName, grainId.Key.ToString()!, CancellationToken.None).ConfigureAwait(false);
        if (document is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(document.Data)) ?? Activator.CreateInstance<T>();
        grainState.ETag = document.Etag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State);
        grainState.ETag = await documents.WriteAsync(stateName, grainId.Key.ToString()!, data.ToMemory(), grainState.ETag, CancellationToken.None).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            await documents.DeleteAsync(stateName, grainId.Key.ToString()!, grainState.ETag, CancellationToken.None).ConfigureAwait(false);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
