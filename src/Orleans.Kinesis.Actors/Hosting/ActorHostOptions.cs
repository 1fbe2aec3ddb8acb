using System.Text.Json;

namespace Orleans.Kinesis.Actors.Hosting;

/// <summary>Options of the in-process actor host.</summary>
public sealed class ActorHostOptions
{
    /// <summary>Activations not called for this long are deactivated.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Turns longer than this are logged as a warning.</summary>
    public TimeSpan LongTurnWarning { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cancellation token passed to OnDeactivateAsync is cancelled after this long.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Serializer options for persistent state; add source-generated resolvers to its TypeInfoResolverChain.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
