using Registry.Core.Transfer;

namespace Registry.Core.Replication;

/// <summary>The other registry's artifact repositories (another instance of ours, through Artifactory's deploy API).</summary>
public partial interface IReplicationTarget
{
    /// <summary>The SHA-256 (hex) of the file at <paramref name="path"/> in the repository <paramref name="key"/> there; null when it has no such file.</summary>
    ValueTask<string?> FileSha256Async(string key, string path, CancellationToken ct);

    /// <summary>
    /// Deploys <paramref name="file"/> at its path in <paramref name="key"/> with its properties: by checksum first (no
    /// bytes sent when the registry has the content), else with the bytes from <paramref name="open"/>.
    /// </summary>
    ValueTask<FileSendResult> SendFileAsync(string key, ExportedFile file, Func<CancellationToken, ValueTask<Stream?>> open, CancellationToken ct);
}

/// <summary>How deploying one file ended: <see cref="ByChecksum"/> (no bytes sent), or with its bytes, or refused with <see cref="Problem"/>.</summary>
public sealed record FileSendResult(bool ByChecksum, string? Problem);
