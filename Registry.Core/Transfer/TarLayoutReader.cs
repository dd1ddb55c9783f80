using System.Formats.Tar;

namespace Registry.Core.Transfer;

/// <summary>
/// Unpacks a layout tar (ours, or one <c>skopeo copy oci-archive:</c> wrote) into a directory as it streams in. Only
/// the layout's own files are kept (<c>oci-layout</c>, <c>index.json</c>, <c>registry-export.json</c>,
/// <c>blobs/ALG/HEX</c>), other files are skipped; a leading <c>./</c> is ignored; a link, a device, a badly named blob or
/// a path that would leave the directory is refused, so a crafted archive cannot write elsewhere.
/// </summary>
public static class TarLayoutReader
{
    /// <summary>Null when unpacked, else what is wrong with the archive.</summary>
    public static async ValueTask<string?> ExtractAsync(Stream tar, string directory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tar);
        Directory.CreateDirectory(directory);
        try
        {
            await using var reader = new TarReader(tar, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (entry.EntryType is TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes || name.Length == 0 || name == ".")
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    return $"the archive holds '{entry.Name}', a {entry.EntryType} entry; a layout holds only files and directories";
                }

                if (!IsLayoutPath(name))
                {
                    if (name.StartsWith("blobs/", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/'))
                    {
                        return $"the archive holds '{entry.Name}', which is not a file of an OCI image layout";
                    }

                    continue;   // another tool's extra file (oras's ingest/): not ours to import
                }

                string target = Path.Combine(directory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(file, 256 * 1024, ct).ConfigureAwait(false);
                }
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return $"the archive is not a readable tar: {e.Message}";
        }
    }

    /// <summary>One of the layout's files: no other directories, no <c>..</c>, blobs named by algorithm and lower-case hex.</summary>
    public static bool IsLayoutPath(string name)
    {
        if (name is OciLayoutFiles.LayoutFile or OciLayoutFiles.IndexFile or OciLayoutFiles.ExportFile)
        {
            return true;
        }

        string[] parts = name.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && parts[1] is "sha256" or "sha512"
            && parts[2].Length is 64 or 128 && parts[2].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }
}
