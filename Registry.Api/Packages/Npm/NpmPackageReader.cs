using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// What a repository knows of a package: a local one from its version folders (each version's <c>package.json</c>, its
/// deprecation property) and its dist-tags file; a remote one from its upstream's packument (<see cref="NpmRemoteIndex"/>);
/// a virtual one merged over its members in order (<see cref="NpmPackage.Merge"/>).
/// </summary>
internal static class NpmPackageReader
{
    public static async Task<NpmLoad> LoadAsync(ArtifactServices services, ArtifactRepository repository, NpmPackageName name, CancellationToken ct)
    {
        switch (repository.Class)
        {
            case RepositoryClass.Remote:
                return await NpmRemoteIndex.LoadAsync(services, repository, name, ct);
            case RepositoryClass.Virtual:
                return await LoadVirtualAsync(services, repository, name, ct);
        }

        NpmPackage? package = await LoadLocalAsync(services, repository, name, ct);
        return package is not null
            ? NpmLoad.Found(package)
            : NpmLoad.Missing(RemoteFetch.Missing($"package '{name}' does not exist in repository '{repository.Key}'"));
    }

    /// <summary>The package in a local repository, or null when it has no version there.</summary>
    public static async Task<NpmPackage?> LoadLocalAsync(ArtifactServices services, ArtifactRepository repository, NpmPackageName name, CancellationToken ct)
    {
        IReadOnlyList<ArtifactFile> files = await services.Store.ListFilesAsync(repository.Key, name.Folder, ct);
        var package = new NpmPackage(name);
        foreach (ArtifactFile file in files)
        {
            if (NpmPaths.VersionOfManifest(name, file.Path) is not { } version
                || await NpmBlobText.ReadAsync(services, file, NpmLimits.MaxManifestBytes, ct) is not { } bytes
                || JsonNode.Parse(bytes) is not JsonObject manifest)
            {
                continue;
            }

            string? deprecated = file.Properties.FirstOrDefault(p => p.Name == NpmPaths.DeprecatedProperty).Value is { Length: > 0 } message ? message : null;
            package.Versions[version] = new NpmVersionEntry(version, manifest, file.CreatedAt, deprecated, null);
        }

        if (package.Versions.Count == 0)
        {
            return null;
        }

        foreach ((string tag, string version) in await ReadDistTagsAsync(services, repository, name, ct))
        {
            package.DistTags[tag] = version;
        }

        return package;
    }

    /// <summary>The dist-tags stored for the package in a local repository (empty when none were).</summary>
    public static async Task<SortedDictionary<string, string>> ReadDistTagsAsync(ArtifactServices services, ArtifactRepository repository, NpmPackageName name, CancellationToken ct)
    {
        if (await services.Store.GetFileAsync(repository.Key, NpmPaths.DistTagsPath(name), ct) is { } file
            && await NpmBlobText.ReadAsync(services, file, NpmLimits.MaxDocumentBytes, ct) is { } bytes)
        {
            try
            {
                return NpmDistTags.Parse(bytes);
            }
            catch (JsonException)
            {
                // A dist-tags file that is not JSON cannot come from this API; treat it as none.
            }
        }

        return new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    private static async Task<NpmLoad> LoadVirtualAsync(ArtifactServices services, ArtifactRepository repository, NpmPackageName name, CancellationToken ct)
    {
        var found = new List<NpmPackage>();
        string? warning = null;
        RemoteFetch? failure = null;
        foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
        {
            if (member.Type != ArtifactRepositoryType.Npm)
            {
                continue;
            }

            NpmLoad loaded = await LoadAsync(services, member, name, ct);
            if (loaded.Package is null)
            {
                failure ??= loaded.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? loaded.Failure : null;
                continue;
            }

            warning ??= loaded.Warning;
            found.Add(loaded.Package);
        }

        if (found.Count > 0)
        {
            return NpmLoad.Found(NpmPackage.Merge(name, found), warning);
        }

        string keys = string.Join(", ", repository.Virtual?.Repositories ?? []);
        return NpmLoad.Missing(failure is not null
            ? RemoteFetch.Unreachable($"package '{name}' was found in no member of virtual repository '{repository.Key}' ({keys}), and {failure.Message}")
            : RemoteFetch.Missing($"package '{name}' does not exist in any member of virtual repository '{repository.Key}' ({keys})"));
    }
}
