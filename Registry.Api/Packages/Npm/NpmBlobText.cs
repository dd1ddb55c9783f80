using Registry.Api.Artifacts;
using Registry.Core.Artifacts;

namespace Registry.Api.Packages.Npm;

/// <summary>Reads a small stored file (a version manifest, dist-tags, a cached packument) whole, up to a limit.</summary>
internal static class NpmBlobText
{
    /// <summary>The file's bytes, or null when it is larger than <paramref name="max"/> or its bytes are gone.</summary>
    public static async ValueTask<byte[]?> ReadAsync(ArtifactServices services, ArtifactFile file, long max, CancellationToken ct)
    {
        if (file.Content.Size > max)
        {
            return null;
        }

        await using Stream? stream = await services.Blobs.OpenReadAsync(file.Content.Digest, ct);
        if (stream is null)
        {
            return null;
        }

        byte[] bytes = new byte[file.Content.Size];
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
