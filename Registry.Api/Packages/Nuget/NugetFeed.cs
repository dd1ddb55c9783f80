using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// What a NuGet repository of any class holds, read the same way for every endpoint: a local one from its version
/// folders; a remote one from its upstream's flat container (found through the upstream's service index, both cached
/// under <c>.meta/</c>), its packages and nuspecs cached in version folders; a virtual one from its members in order
/// (version lists merged, a file from the first member that has it).
/// </summary>
internal sealed class NugetFeed(ArtifactServices services)
{
    public ArtifactServices Services => services;

    public async Task<NugetVersions> VersionsAsync(ArtifactRepository repository, string lowerId, CancellationToken ct)
    {
        switch (repository.Class)
        {
            case RepositoryClass.Remote:
                return await RemoteVersionsAsync(repository, lowerId, ct);
            case RepositoryClass.Virtual:
                var lists = new List<IReadOnlyList<NugetVersion>>();
                string? warning = null;
                RemoteFetch? failure = null;
                foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
                {
                    NugetVersions found = await VersionsAsync(member, lowerId, ct);
                    lists.Add(found.Versions);
                    warning ??= found.Warning;
                    failure ??= found.Unreachable ? found.Failure : null;
                }

                List<NugetVersion> merged = NugetVersionList.Merge(lists);
                return new NugetVersions(merged, warning, merged.Count == 0 ? failure : null);
            default:
                var versions = new List<NugetVersion>();
                foreach (ArtifactFile file in await services.Store.ListFilesAsync(repository.Key, lowerId, ct))
                {
                    if (NugetLayout.NuspecVersion(lowerId, file.Path) is { } version)
                    {
                        versions.Add(version);
                    }
                }

                versions.Sort();
                return new NugetVersions(versions, null, null);
        }
    }

    /// <summary>A file of a version folder (<c>{id}/{version}/{name}</c>): stored, cached, or fetched from a remote's upstream.</summary>
    public async Task<MemberFile> FileAsync(ArtifactRepository repository, string path, CancellationToken ct)
    {
        switch (repository.Class)
        {
            case RepositoryClass.Remote:
                return await NugetRemoteLookup.FindAsync(services, repository, path, async c =>
                {
                    (Uri? flat, RemoteFetch? failure) = await PackageBaseAddressAsync(repository, c);
                    return flat is null ? (null, failure) : (new Uri(flat, path), null);
                }, ct);
            case RepositoryClass.Virtual:
                RemoteFetch? unreachable = null;
                foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, services, ct))
                {
                    MemberFile found = await FileAsync(member, path, ct);
                    if (found.File is not null)
                    {
                        return found;
                    }

                    unreachable ??= found.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused ? found.Failure : null;
                }

                return MemberFile.Missing(unreachable ?? RemoteFetch.Missing($"'{path}' is in no member of virtual repository '{repository.Key}'"));
            default:
                return await services.Store.GetFileAsync(repository.Key, path, ct) is { } file
                    ? MemberFile.Found(file)
                    : MemberFile.Missing(RemoteFetch.Missing($"'{repository.Key}/{path}' does not exist"));
        }
    }

    /// <summary>The nuspec of a version the repository lists, or null when it cannot be had or read.</summary>
    public async Task<Nuspec?> NuspecAsync(ArtifactRepository repository, string lowerId, NugetVersion version, CancellationToken ct)
    {
        MemberFile found = await FileAsync(repository, NugetLayout.NuspecPath(lowerId, version.Lower), ct);
        return found.File is not null && await ReadAsync(found.File, NuspecReader.MaxBytes, ct) is { } bytes
            ? NuspecReader.Read(bytes).Nuspec
            : null;
    }

    /// <summary>A stored file's bytes, or null when larger than <paramref name="max"/> or gone.</summary>
    public async Task<byte[]?> ReadAsync(ArtifactFile file, int max, CancellationToken ct)
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

        var buffer = new MemoryStream((int)file.Content.Size);
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private async Task<NugetVersions> RemoteVersionsAsync(ArtifactRepository remote, string lowerId, CancellationToken ct)
    {
        MemberFile list = await NugetRemoteLookup.FindAsync(services, remote, NugetLayout.VersionListPath(lowerId), async c =>
        {
            (Uri? flat, RemoteFetch? failure) = await PackageBaseAddressAsync(remote, c);
            return flat is null ? (null, failure) : (new Uri(flat, lowerId + "/index.json"), null);
        }, ct);
        if (list.File is null)
        {
            return new NugetVersions([], null, list.Failure);
        }

        List<NugetVersion>? versions = await ReadAsync(list.File, NugetVersionList.MaxBytes, ct) is { } bytes ? NugetVersionList.Parse(bytes) : null;
        if (versions is null)
        {
            return new NugetVersions([], null, RemoteFetch.Refused($"the upstream of remote repository '{remote.Key}' sent a version list of '{lowerId}' that is not one"));
        }

        versions.Sort();
        return new NugetVersions(versions, list.Warning, null);
    }

    /// <summary>The upstream's flat container URL, from its service index.</summary>
    private async ValueTask<(Uri? Flat, RemoteFetch? Failure)> PackageBaseAddressAsync(ArtifactRepository remote, CancellationToken ct)
    {
        (byte[]? index, RemoteFetch? failure) = await ServiceIndexAsync(remote, ct);
        if (index is null)
        {
            return (null, failure);
        }

        return NugetServiceIndex.PackageBaseAddressOf(index) is { } flat
            ? (flat, null)
            : (null, RemoteFetch.Refused($"the service index of remote repository '{remote.Key}' ({ServiceIndexUrl(remote.Remote!.Url)}) names no {NugetServiceIndex.PackageBaseAddress}"));
    }

    /// <summary>The upstream's service index (cached as <see cref="NugetLayout.ServiceIndexPath"/>), or why it cannot be had.</summary>
    public async ValueTask<(byte[]? Index, RemoteFetch? Failure)> ServiceIndexAsync(ArtifactRepository remote, CancellationToken ct)
    {
        Uri url = ServiceIndexUrl(remote.Remote!.Url);
        MemberFile index = await NugetRemoteLookup.FindAsync(services, remote, NugetLayout.ServiceIndexPath, _ => ValueTask.FromResult<(Uri?, RemoteFetch?)>((url, null)), ct);
        if (index.File is null)
        {
            return (null, index.Failure);
        }

        return await ReadAsync(index.File, NugetServiceIndex.MaxBytes, ct) is { } bytes
            ? (bytes, null)
            : (null, RemoteFetch.Refused($"the service index of remote repository '{remote.Key}' ({url}) is larger than {NugetServiceIndex.MaxBytes / (1 << 20)} MiB"));
    }

    /// <summary>The remote's URL when it names a <c>.json</c> service index, else <c>{url}/index.json</c>.</summary>
    public static Uri ServiceIndexUrl(Uri url)
        => url.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? url : new Uri(url.AbsoluteUri.TrimEnd('/') + "/index.json");
}
