namespace Registry.Tests.Api;

/// <summary>A manifest the test pushed: its exact bytes, media type and digest, and the descriptor that names it.</summary>
public sealed record PushedManifest(string Repository, byte[] Content, string MediaType, string Digest)
{
    public Descriptor Descriptor => new(MediaType, Digest, Content.Length);
}
