using System.Text.Json;
using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>
/// The artifact files <c>registry-export.json</c> lists, checked before an import: a valid key and relative path, the
/// blob present (it was hashed already) with the listed size, and its SHA-1 and MD5 as listed, which Artifactory-style
/// clients check against.
/// </summary>
internal static class ArtifactFileVerifier
{
    /// <summary>The listing's artifact files: each blob present with its size, and its SHA-1 and MD5 as listed (read once more, streamed).</summary>
    public static async ValueTask<List<ExportedFile>> VerifyAsync(string root, Dictionary<string, long> files, List<string> problems, CancellationToken ct)
    {
        ExportListing? listing;
        await using (var stream = File.OpenRead(Path.Combine(root, OciLayoutFiles.ExportFile)))
        {
            listing = await JsonSerializer.DeserializeAsync<ExportListing>(stream, ExportListing.Json, ct).ConfigureAwait(false);
        }

        var verified = new List<ExportedFile>();
        var checksums = new Dictionary<string, (string Sha1, string Md5)>(StringComparer.Ordinal);
        foreach (ExportedFile file in listing?.Files ?? [])
        {
            string where = $"file {file.Repository}/{file.Path}";
            if (string.IsNullOrEmpty(file.Repository) || string.IsNullOrEmpty(file.Path) || file.Path.StartsWith('/') || file.Path.Split('/').Any(s => s is "" or "." or ".."))
            {
                problems.Add($"{where}: not a valid repository key and path");
                continue;
            }

            if (!Digest.TryParse(file.Digest, out Digest digest)
                || !ImportVerifier.Present(new Descriptor(string.Empty, digest, file.Size, null, false, null), files, where, problems))
            {
                continue;
            }

            if (!checksums.TryGetValue(digest.Value, out (string Sha1, string Md5) actual))
            {
                actual = await LegacyChecksumsAsync(Path.Combine(root, "blobs", digest.AlgorithmName, digest.Hex), ct).ConfigureAwait(false);
                checksums[digest.Value] = actual;
            }

            if (!string.Equals(actual.Sha1, file.Sha1, StringComparison.OrdinalIgnoreCase) || !string.Equals(actual.Md5, file.Md5, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: SHA-1 {actual.Sha1} and MD5 {actual.Md5} of its content differ from the listed {file.Sha1} and {file.Md5}");
                continue;
            }

            verified.Add(file with { Sha1 = actual.Sha1, Md5 = actual.Md5 });
        }

        return verified;
    }

    private static async ValueTask<(string Sha1, string Md5)> LegacyChecksumsAsync(string path, CancellationToken ct)
    {
        using var sha1 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA1);
        using var md5 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await file.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                sha1.AppendData(buffer, 0, read);
                md5.AppendData(buffer, 0, read);
            }

            return (Convert.ToHexStringLower(sha1.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
