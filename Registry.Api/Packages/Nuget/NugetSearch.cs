using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// What a search finds in a repository of any class. A local one: the packages it holds whose id contains the query
/// (from the first <see cref="MaxScanned"/> matching files), with id, version, description and authors from the newest
/// version's nuspec. A remote one: its upstream's answer (the query passed to the <c>SearchQueryService</c> its
/// cached service index names, fields as the upstream gives them); when the upstream fails, or the remote is offline,
/// the packages it has cached, found as in a local one (with a <c>Warning</c> unless offline). A virtual one: its
/// members' results in member order, one per package id, each member asked for the first <c>skip + take</c>.
/// </summary>
internal sealed class NugetSearch(UpstreamClient upstream)
{
    public const int MaxScanned = 10_000;

    public async Task<(NugetSearchPage Page, string? Warning)> FindAsync(ArtifactRepository repository, NugetSearchQuery query, NugetFeed feed, CancellationToken ct)
    {
        switch (repository.Class)
        {
            case RepositoryClass.Remote when !repository.Remote!.Offline:
                (NugetSearchPage? answered, string? failure) = await UpstreamAsync(repository, query, feed, ct);
                return answered is not null
                    ? (answered, null)
                    : (await StoredAsync(repository.Key, query, feed, ct), NugetRemoteLookup.Stale(
                        $"the search of the upstream of remote repository '{repository.Key}' failed ({failure}); these are the packages it has cached"));
            case RepositoryClass.Virtual:
                NugetSearchQuery first = query with { Skip = 0, Take = (int)Math.Min((long)query.Skip + query.Take, NugetSearchQuery.MaxTake) };
                var pages = new List<NugetSearchPage>();
                string? warning = null;
                foreach (ArtifactRepository member in await VirtualDownload.MembersAsync(repository, feed.Services, ct))
                {
                    (NugetSearchPage page, string? memberWarning) = await FindAsync(member, first, feed, ct);
                    pages.Add(page);
                    warning ??= memberWarning;
                }

                NugetSearchPage merged = NugetSearchAnswer.Merge(pages);
                return (merged with { Hits = [.. merged.Hits.Skip(query.Skip).Take(query.Take)] }, warning);
            default:
                return (await StoredAsync(repository.Key, query, feed, ct), null);
        }
    }

    /// <summary>The packages stored (or cached) in <paramref name="key"/> whose id contains the query, one page of them.</summary>
    private static async Task<NugetSearchPage> StoredAsync(string key, NugetSearchQuery query, NugetFeed feed, CancellationToken ct)
    {
        string q = query.IdPart;
        if (!q.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || !NamePattern.TryParse($"*{q}*.nu*", out NamePattern? pattern))
        {
            return NugetSearchPage.Empty;
        }

        bool semVer2 = query.SemVer2;
        var packages = new SortedDictionary<string, SortedSet<NugetVersion>>(StringComparer.Ordinal);
        foreach (ArtifactFile file in await feed.Services.Store.SearchByNameAsync(pattern!, [key], MaxScanned, ct))
        {
            string lowerId = file.Path[..Math.Max(file.Path.IndexOf('/'), 0)];
            if (lowerId.Length > 0 && NugetLayout.PackageFileVersion(lowerId, file.Path) is { } version
                && (!version.IsPrerelease || query.Prerelease) && (!version.IsSemVer2 || semVer2))
            {
                if (!packages.TryGetValue(lowerId, out SortedSet<NugetVersion>? versions))
                {
                    packages[lowerId] = versions = [];
                }

                versions.Add(version);
            }
        }

        var hits = new List<NugetSearchHit>();
        foreach ((string lowerId, SortedSet<NugetVersion> versions) in packages.Skip(query.Skip).Take(query.Take))
        {
            NugetVersion latest = versions.Max!;
            Nuspec? nuspec = await StoredNuspecAsync(key, lowerId, latest, feed, ct);
            var hit = new NugetSearchHit(nuspec?.Id ?? lowerId, new JsonObject
            {
                ["version"] = nuspec?.Version.Normalized ?? latest.Normalized,
                ["description"] = nuspec?.Description ?? string.Empty,
                ["authors"] = new JsonArray(nuspec?.Authors ?? string.Empty),
                ["totalDownloads"] = 0,
                ["verified"] = false,
            });
            foreach (NugetVersion version in versions)
            {
                hit.Add(version, new JsonObject { ["version"] = version.Lower, ["downloads"] = 0 });
            }

            hits.Add(hit);
        }

        return new NugetSearchPage(packages.Count, hits);
    }

    /// <summary>
    /// The nuspec of a stored version: its <c>.nuspec</c> file, else (a remote caches a package before its nuspec) the
    /// one inside its <c>.nupkg</c> when the blob store can seek in it; never fetched from an upstream.
    /// </summary>
    private static async Task<Nuspec?> StoredNuspecAsync(string key, string lowerId, NugetVersion version, NugetFeed feed, CancellationToken ct)
    {
        ArtifactServices services = feed.Services;
        if (await services.Store.GetFileAsync(key, NugetLayout.NuspecPath(lowerId, version.Lower), ct) is { } file)
        {
            return await feed.ReadAsync(file, NuspecReader.MaxBytes, ct) is { } bytes ? NuspecReader.Read(bytes).Nuspec : null;
        }

        if (await services.Store.GetFileAsync(key, NugetLayout.PackagePath(lowerId, version.Lower), ct) is not { } package)
        {
            return null;
        }

        await using Stream? stream = await services.Blobs.OpenReadAsync(package.Content.Digest, ct);
        return stream is { CanSeek: true } ? (await NupkgReader.ReadAsync(stream, ct)).Nuspec : null;
    }

    /// <summary>The upstream's answer to the query, or why there is none.</summary>
    private async Task<(NugetSearchPage? Page, string? Failure)> UpstreamAsync(ArtifactRepository remote, NugetSearchQuery query, NugetFeed feed, CancellationToken ct)
    {
        (byte[]? index, RemoteFetch? unavailable) = await feed.ServiceIndexAsync(remote, ct);
        if (index is null)
        {
            return (null, unavailable?.Message ?? "no service index");
        }

        if (NugetServiceIndex.SearchQueryServiceOf(index) is not { } search)
        {
            return (null, $"its service index names no {NugetServiceIndex.SearchQueryService}");
        }

        Uri uri = query.For(search);
        try
        {
            using HttpResponseMessage response = await upstream.SendAsync(remote.Remote!, HttpMethod.Get, uri, null, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > NugetSearchAnswer.MaxBytes)
            {
                return (null, $"its answer is larger than {NugetSearchAnswer.MaxBytes / (1 << 20)} MiB");
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new MemoryStream();
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > NugetSearchAnswer.MaxBytes)
                {
                    return (null, $"its answer is larger than {NugetSearchAnswer.MaxBytes / (1 << 20)} MiB");
                }

                buffer.Write(chunk, 0, read);
            }

            return NugetSearchAnswer.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } page
                ? (page, null)
                : (null, $"{uri.GetLeftPart(UriPartial.Path)} answered something that is not a search result");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or Polly.ExecutionRejectedException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, $"{uri.GetLeftPart(UriPartial.Path)}: {e.Message}");
        }
    }
}
