using System.IO.Compression;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// Checks a <c>.nupkg</c>: a zip archive with exactly one <c>.nuspec</c> at its root, named after the package id, no
/// entry that climbs out of the package (<c>..</c>, absolute or drive paths, backslashes), and a nuspec
/// <see cref="NuspecReader"/> accepts. The stream must be seekable (the zip directory is at its end).
/// </summary>
public static class NupkgReader
{
    /// <summary>The largest <c>.nupkg</c> a push takes: 1 GiB (nuget.org takes 250 MB).</summary>
    public const long MaxPackageBytes = 1L << 30;

    public static async ValueTask<NupkgContents> ReadAsync(Stream package, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(package, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return NupkgContents.Refused("the package is not a zip archive (a .nupkg is one)");
        }

        await using (archive.ConfigureAwait(false))
        {
            ZipArchiveEntry? nuspecEntry = null;
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                if (EntryError(entry.FullName) is { } error)
                {
                    return NupkgContents.Refused(error);
                }

                if (!entry.FullName.Contains('/') && entry.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
                {
                    if (nuspecEntry is not null)
                    {
                        return NupkgContents.Refused($"the package has more than one .nuspec at its root ({nuspecEntry.FullName}, {entry.FullName})");
                    }

                    nuspecEntry = entry;
                }
            }

            if (nuspecEntry is null)
            {
                return NupkgContents.Refused("the package has no .nuspec at its root");
            }

            if (nuspecEntry.Length > NuspecReader.MaxBytes)
            {
                return NupkgContents.Refused($"the .nuspec is larger than {NuspecReader.MaxBytes / 1024} KiB");
            }

            byte[] bytes;
            try
            {
                bytes = await ReadEntryAsync(nuspecEntry, ct).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                return NupkgContents.Refused($"the package's .nuspec cannot be read: {e.Message}");
            }

            (Nuspec? nuspec, string? nuspecError) = NuspecReader.Read(bytes);
            if (nuspec is null)
            {
                return NupkgContents.Refused(nuspecError!);
            }

            string named = nuspecEntry.FullName[..^".nuspec".Length];
            return string.Equals(named, nuspec.Id, StringComparison.OrdinalIgnoreCase)
                ? new NupkgContents(nuspec, bytes, null)
                : NupkgContents.Refused($"the package's .nuspec is named '{nuspecEntry.FullName}' but declares the id '{nuspec.Id}'");
        }
    }

    /// <summary>Why an entry name is refused (traversal, absolute or drive paths, backslashes), or null.</summary>
    public static string? EntryError(string name)
    {
        string decoded = Uri.UnescapeDataString(name);
        foreach (string candidate in (ReadOnlySpan<string>)[name, decoded])
        {
            if (candidate.Contains('\\') || candidate.StartsWith('/') || (candidate.Length > 1 && candidate[1] == ':') || candidate.Contains('\0'))
            {
                return $"the package's entry '{name}' is not a relative path";
            }

            foreach (string segment in candidate.Split('/'))
            {
                if (segment is ".." or ".")
                {
                    return $"the package's entry '{name}' leaves its folder ('..' or '.')";
                }
            }
        }

        return null;
    }

    private static async ValueTask<byte[]> ReadEntryAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using Stream stream = await entry.OpenAsync(ct).ConfigureAwait(false);
        byte[] buffer = new byte[NuspecReader.MaxBytes + 1];
        int length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }
}

/// <summary>A checked package's nuspec and its bytes, or why the package is refused.</summary>
public sealed record NupkgContents(Nuspec? Nuspec, byte[]? NuspecBytes, string? Error)
{
    public static NupkgContents Refused(string error) => new(null, null, error);
}
