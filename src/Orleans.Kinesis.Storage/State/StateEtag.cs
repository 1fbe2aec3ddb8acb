using System.Globalization;

namespace Orleans.Kinesis.Storage.State;

/// <summary>
/// An ETag is the document's version plus an incarnation number chosen when the document is created, so a
/// writer holding an ETag from before a delete and re-create never matches the new document.
/// </summary>
internal readonly record struct StateEtag(long Version, ulong Incarnation)
{
    public static StateEtag NewDocument() => new(1, (ulong)Random.Shared.NextInt64() | 1UL);

    public StateEtag Next() => this with { Version = Version + 1 };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Version}-{Incarnation:x16}");
}
