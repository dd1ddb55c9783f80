using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>What one fetch from a remote repository's upstream came to.</summary>
internal sealed record RemoteFetch(RemoteFetchStatus Status, ArtifactFile? File, string? Message)
{
    public static RemoteFetch Stored(ArtifactFile file) => new(RemoteFetchStatus.Stored, file, null);

    public static RemoteFetch Missing(string message) => new(RemoteFetchStatus.NotFound, null, message);

    public static RemoteFetch Unreachable(string message) => new(RemoteFetchStatus.Unreachable, null, message);

    public static RemoteFetch Refused(string message) => new(RemoteFetchStatus.Refused, null, message);
}
