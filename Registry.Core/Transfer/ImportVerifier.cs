using System.Text.Json;
using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>
/// Checks a layout before anything of it is imported: <c>oci-layout</c> is there, every file under <c>blobs/</c>
/// hashes to its name (read once, streamed), every manifest parses and everything it references is in the layout
/// with the size its descriptor gives, and every name is a valid repository and tag. What to import comes from
/// <c>registry-export.json</c> when the layout has one (our exports), else from <c>index.json</c>: an entry named
/// <c>repository:tag</c> goes to that repository and tag, one named only <c>tag</c> (or not named) to the
/// <see cref="ImportOptions.DefaultRepository"/>. Any problem refuses the whole layout.
/// </summary>
public static class ImportVerifier
{
    private const int MaxProblems = 50;

    public static async ValueTask<(ImportPlan? Plan, IReadOnlyList<string> Problems)> VerifyAsync(
        string root, ImportOptions options, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!File.Exists(Path.Combine(root, OciLayoutFiles.LayoutFile)) || !File.Exists(Path.Combine(root, OciLayoutFiles.IndexFile)))
        {
            return (null, [$"{root} is not an OCI image layout: it needs {OciLayoutFiles.LayoutFile} and {OciLayoutFiles.IndexFile}"]);
        }

        Dictionary<string, long> files = await HashBlobsAsync(root, problems, progress, ct).ConfigureAwait(false);
        List<Target> targets;
        try
        {
            targets = File.Exists(Path.Combine(root, OciLayoutFiles.ExportFile))
                ? await FromListingAsync(root, problems, ct).ConfigureAwait(false)
                : await FromIndexAsync(root, options, problems, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            problems.Add($"a layout file is not valid JSON: {e.Message}");
            return (null, problems);
        }

        var repositories = new List<ImportRepository>();
        foreach (IGrouping<string, Target> group in targets.GroupBy(t => t.Repository.Value, StringComparer.Ordinal))
        {
            var manifests = new List<ImportManifest>();
            var loaded = new HashSet<string>(StringComparer.Ordinal);
            var tags = new List<(TagName, Digest)>();
            foreach (Target target in group)
            {
                await LoadAsync(root, target.Descriptor, files, options.MaxManifestBytes, manifests, loaded, problems, ct).ConfigureAwait(false);
                if (target.Tag is { } tag)
                {
                    tags.Add((tag, target.Descriptor.Digest));
                }
            }

            repositories.Add(new ImportRepository(group.First().Repository, manifests, tags));
        }

        List<ExportedFile> artifactFiles = File.Exists(Path.Combine(root, OciLayoutFiles.ExportFile))
            ? await ArtifactFileVerifier.VerifyAsync(root, files, problems, ct).ConfigureAwait(false)
            : [];
        if (problems.Count > 0)
        {
            return (null, problems.Count > MaxProblems ? [.. problems.Take(MaxProblems), $"... and {problems.Count - MaxProblems} more"] : problems);
        }

        return (new ImportPlan(root, repositories, files.Values.Sum()) { Files = artifactFiles }, []);
    }

    private sealed record Target(RepositoryName Repository, TagName? Tag, Descriptor Descriptor);

    /// <summary>Hashes every blob file; returns the sizes of those that match their names.</summary>
    private static async ValueTask<Dictionary<string, long>> HashBlobsAsync(string root, List<string> problems, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var good = new Dictionary<string, long>(StringComparer.Ordinal);
        string blobsDirectory = Path.Combine(root, "blobs");
        if (!Directory.Exists(blobsDirectory))
        {
            return good;
        }

        List<string> paths = [.. Directory.EnumerateFiles(blobsDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        long total = paths.Sum(p => new FileInfo(p).Length);
        long bytes = 0;
        int done = 0;
        foreach (string path in paths)
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            string[] parts = relative.Split('/');
            if (!TarLayoutReader.IsLayoutPath(relative) || !Digest.TryParse($"{parts[1]}:{parts[2]}", out Digest digest))
            {
                problems.Add($"{relative} is not a blob of an OCI image layout (blobs/ALGORITHM/HEX)");
                continue;
            }

            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                (Digest actual, long length) = await HashingCopy.CopyAsync(file, null, digest.Algorithm, null, null, ct).ConfigureAwait(false);
                if (actual != digest)
                {
                    problems.Add($"{relative}: content hashes to {actual}, not {digest}");
                }
                else
                {
                    good[digest.Value] = length;
                }

                bytes += length;
            }

            progress?.Report(new TransferProgress("verify", ++done, paths.Count, bytes, total));
        }

        return good;
    }

    private static async ValueTask<List<Target>> FromListingAsync(string root, List<string> problems, CancellationToken ct)
    {
        await using var stream = File.OpenRead(Path.Combine(root, OciLayoutFiles.ExportFile));
        ExportListing? listing = await JsonSerializer.DeserializeAsync<ExportListing>(stream, ExportListing.Json, ct).ConfigureAwait(false);
        var targets = new List<Target>();
        if (listing?.Format != ExportListing.CurrentFormat)
        {
            problems.Add($"{OciLayoutFiles.ExportFile} is not in the format {ExportListing.CurrentFormat}");
            return targets;
        }

        foreach (ExportedRepository repository in listing.Repositories ?? [])
        {
            if (!RepositoryName.TryParse(repository.Name, out RepositoryName? name))
            {
                problems.Add($"'{repository.Name}' is not a valid repository name");
                continue;
            }

            var media = new Dictionary<string, ExportedManifest>(StringComparer.Ordinal);
            foreach (ExportedManifest manifest in repository.Manifests ?? [])
            {
                if (TryDescriptor(manifest.MediaType, manifest.Digest, manifest.Size, problems, out Descriptor? descriptor))
                {
                    media[manifest.Digest] = manifest;
                    targets.Add(new Target(name, null, descriptor));
                }
            }

            foreach (ExportedTag tag in repository.Tags ?? [])
            {
                if (!TagName.TryParse(tag.Tag, out TagName? tagName))
                {
                    problems.Add($"'{tag.Tag}' of {repository.Name} is not a valid tag");
                }
                else if (!media.TryGetValue(tag.Digest, out ExportedManifest? manifest))
                {
                    problems.Add($"tag {repository.Name}:{tag.Tag} points at {tag.Digest}, which the listing does not hold");
                }
                else if (TryDescriptor(manifest.MediaType, manifest.Digest, manifest.Size, problems, out Descriptor? descriptor))
                {
                    targets.Add(new Target(name, tagName, descriptor));
                }
            }
        }

        return targets;
    }

    private static async ValueTask<List<Target>> FromIndexAsync(string root, ImportOptions options, List<string> problems, CancellationToken ct)
    {
        await using var stream = File.OpenRead(Path.Combine(root, OciLayoutFiles.IndexFile));
        using JsonDocument index = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        var targets = new List<Target>();
        if (!index.RootElement.TryGetProperty("manifests", out JsonElement entries) || entries.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{OciLayoutFiles.IndexFile} has no manifests list");
            return targets;
        }

        foreach (JsonElement entry in entries.EnumerateArray())
        {
            string? mediaType = entry.TryGetProperty("mediaType", out JsonElement m) ? m.GetString() : null;
            string? digest = entry.TryGetProperty("digest", out JsonElement d) ? d.GetString() : null;
            long size = entry.TryGetProperty("size", out JsonElement s) && s.TryGetInt64(out long value) ? value : -1;
            string? refName = entry.TryGetProperty("annotations", out JsonElement a) && a.ValueKind == JsonValueKind.Object
                && a.TryGetProperty(OciLayoutFiles.RefNameAnnotation, out JsonElement r) ? r.GetString() : null;
            if (!TryDescriptor(mediaType, digest, size, problems, out Descriptor? descriptor))
            {
                continue;
            }

            if (Name(refName, options.DefaultRepository, problems) is ({ } repository, var tag))
            {
                targets.Add(new Target(repository, tag, descriptor));
            }
        }

        return targets;
    }

    /// <summary>The repository and tag an index entry's name gives: <c>repository:tag</c>, <c>tag</c>, or none.</summary>
    private static (RepositoryName? Repository, TagName? Tag) Name(string? refName, RepositoryName? defaultRepository, List<string> problems)
    {
        string? repositoryText = null;
        string? tagText = refName;
        int colon = refName?.LastIndexOf(':') ?? -1;
        if (colon > 0)
        {
            repositoryText = refName![..colon];
            tagText = refName[(colon + 1)..];
        }

        RepositoryName? repository = defaultRepository;
        if (repositoryText is not null && !RepositoryName.TryParse(repositoryText, out repository))
        {
            problems.Add($"index entry '{refName}': '{repositoryText}' is not a valid repository name");
            return (null, null);
        }

        if (repository is null)
        {
            problems.Add(refName is null
                ? "an index entry has no name: give the repository to import it into (--repository)"
                : $"index entry '{refName}' names no repository: give the repository to import it into (--repository)");
            return (null, null);
        }

        TagName? tag = null;
        if (tagText is not null && !TagName.TryParse(tagText, out tag))
        {
            problems.Add($"index entry '{refName}': '{tagText}' is not a valid tag");
            return (null, null);
        }

        return (repository, tag);
    }

    private static bool TryDescriptor(string? mediaType, string? digestText, long size, List<string> problems, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Descriptor? descriptor)
    {
        descriptor = null;
        if (string.IsNullOrEmpty(mediaType) || !Digest.TryParse(digestText, out Digest digest) || size < 0)
        {
            problems.Add($"manifest entry {digestText ?? "(no digest)"} lacks a media type, a valid digest or a size");
            return false;
        }

        descriptor = new Descriptor(mediaType, digest, size, null, false, null);
        return true;
    }

    /// <summary>Reads, checks and parses the manifest and, first, the child manifests it lists; adds each once, children first.</summary>
    private static async ValueTask LoadAsync(
        string root, Descriptor descriptor, Dictionary<string, long> files, int maxBytes, List<ImportManifest> manifests,
        HashSet<string> loaded, List<string> problems, CancellationToken ct)
    {
        string digest = descriptor.Digest.Value;
        if (loaded.Contains(digest))
        {
            return;
        }

        if (!Present(descriptor, files, "manifest", problems))
        {
            return;
        }

        if (descriptor.Size > maxBytes)
        {
            problems.Add($"manifest {digest} is {descriptor.Size} bytes, more than the limit of {maxBytes}");
            return;
        }

        byte[] content = await File.ReadAllBytesAsync(Path.Combine(root, "blobs", descriptor.Digest.AlgorithmName, descriptor.Digest.Hex), ct).ConfigureAwait(false);
        ManifestParseResult parsed = ManifestParser.Parse(content, descriptor.MediaType);
        if (parsed.Manifest is not { } manifest)
        {
            problems.Add($"manifest {digest} is not a valid {descriptor.MediaType}: {parsed.Error}");
            return;
        }

        loaded.Add(digest);
        foreach (Descriptor child in manifest.Manifests)
        {
            await LoadAsync(root, child, files, maxBytes, manifests, loaded, problems, ct).ConfigureAwait(false);
        }

        foreach (ManifestDependency dependency in manifest.Dependencies())
        {
            if (dependency.Kind == DependencyKind.Blob && !ParsedManifest.IsEmptyJsonDescriptor(dependency.Digest, dependency.Size))
            {
                _ = Present(new Descriptor(string.Empty, dependency.Digest, dependency.Size, null, false, null), files, $"blob (in manifest {digest})", problems);
            }
        }

        manifests.Add(new ImportManifest(descriptor.Digest, content, manifest));
    }

    internal static bool Present(Descriptor descriptor, Dictionary<string, long> files, string what, List<string> problems)
    {
        if (!files.TryGetValue(descriptor.Digest.Value, out long size))
        {
            problems.Add($"{what} {descriptor.Digest} is not in the layout (or does not match its digest)");
            return false;
        }

        if (size != descriptor.Size)
        {
            problems.Add($"{what} {descriptor.Digest} is {size} bytes in the layout, not the {descriptor.Size} its descriptor gives");
            return false;
        }

        return true;
    }
}
