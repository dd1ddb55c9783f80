using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>
/// Writes a layout into a directory (created when missing; an existing layout's blobs are kept and overwritten
/// files replaced). Each file is written beside its place and renamed into it, so a reader never sees half a blob.
/// </summary>
public sealed class DirectoryLayoutWriter : ILayoutWriter
{
    private readonly string _root;

    public DirectoryLayoutWriter(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async ValueTask WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        string target = Target(path);
        string temporary = target + ".partial";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct).ConfigureAwait(false);
        File.Move(temporary, target, overwrite: true);
    }

    public async ValueTask<bool> WriteBlobAsync(Digest digest, long size, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        string target = Target(OciLayoutFiles.BlobPath(digest));
        string temporary = target + ".partial";
        Digest actual;
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            (actual, _) = await HashingCopy.CopyAsync(content, file, digest.Algorithm, size, null, ct).ConfigureAwait(false);
        }

        if (actual != digest)
        {
            File.Delete(temporary);
            return false;
        }

        File.Move(temporary, target, overwrite: true);
        return true;
    }

    public ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Target(string path)
    {
        string target = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }
}
