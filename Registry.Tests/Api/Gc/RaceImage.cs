namespace Registry.Tests.Api.Gc;

/// <summary>An image a race client pushed and has not deleted: where, its tags, and every blob it uses (manifest included) with sizes.</summary>
internal sealed class RaceImage(string repository, byte[] content, IReadOnlyDictionary<string, long> blobs)
{
    public string Repository { get; } = repository;

    public byte[] Content { get; } = content;

    public string Digest { get; } = Digests.Sha256(content);

    public HashSet<string> Tags { get; } = [];

    /// <summary>Config and layers, by digest.</summary>
    public IReadOnlyDictionary<string, long> Blobs { get; } = blobs;

    /// <summary>Everything the image keeps stored: its blobs and its own manifest bytes.</summary>
    public IEnumerable<KeyValuePair<string, long>> Stored => Blobs.Append(new(Digest, Content.Length));
}
