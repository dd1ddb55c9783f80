using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Search (<c>SearchQueryService</c>): <c>query?q=&amp;skip=&amp;take=&amp;prerelease=&amp;semVerLevel=</c> matches
/// <c>q</c> as a part of the package id (case-insensitive; <c>id:</c>/<c>packageid:</c> prefixes are dropped) over the
/// packages the repository holds: a local one's, a remote one's cached ones (their nupkg or nuspec), a virtual one's members'. At most
/// <see cref="MaxTake"/> results a page, from the first <see cref="MaxScanned"/> matching files. A result's versions are
/// the folders' (lower case); its id, version, description and authors its newest version's nuspec.
/// </summary>
internal static class NugetSearchHandler
{
    public const int DefaultTake = 20;

    public const int MaxTake = 1000;

    public const int MaxScanned = 10_000;

    public static async Task<IResult> SearchAsync(HttpContext context, ArtifactRepository repository, NugetFeed feed)
    {
        CancellationToken ct = context.RequestAborted;
        IQueryCollection query = context.Request.Query;
        string q = ((string?)query["q"] ?? string.Empty).Trim();
        foreach (string prefix in (ReadOnlySpan<string>)["packageid:", "id:"])
        {
            if (q.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                q = q[prefix.Length..].Trim();
            }
        }

        int skip = Number(query["skip"], 0, int.MaxValue, 0);
        int take = Number(query["take"], 0, MaxTake, DefaultTake);
        bool prerelease = bool.TryParse(query["prerelease"], out bool p) && p;
        bool semVer2 = NugetVersion.TryParse(query["semVerLevel"], out NugetVersion? level) && level.Parts[0] >= 2;

        var packages = new SortedDictionary<string, List<NugetVersion>>(StringComparer.Ordinal);
        if (q.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && NamePattern.TryParse($"*{q}*.nu*", out NamePattern? pattern))
        {
            List<string> keys = repository.Class == RepositoryClass.Virtual
                ? [.. (await VirtualDownload.MembersAsync(repository, feed.Services, ct)).Select(m => m.Key)]
                : [repository.Key];
            foreach (ArtifactFile file in await feed.Services.Store.SearchByNameAsync(pattern!, keys, MaxScanned, ct))
            {
                string lowerId = file.Path[..Math.Max(file.Path.IndexOf('/'), 0)];
                if (NugetLayout.PackageFileVersion(lowerId, file.Path) is not { } version || lowerId.Length == 0
                    || (version.IsPrerelease && !prerelease) || (version.IsSemVer2 && !semVer2))
                {
                    continue;
                }

                if (!packages.TryGetValue(lowerId, out List<NugetVersion>? versions))
                {
                    packages[lowerId] = versions = [];
                }

                if (!versions.Contains(version))
                {
                    versions.Add(version);
                }
            }
        }

        NugetUrls urls = NugetUrls.For(context, repository.Key);
        var data = new JsonArray();
        foreach ((string lowerId, List<NugetVersion> versions) in packages.Skip(skip).Take(take))
        {
            versions.Sort();
            NugetVersion latest = versions[^1];
            Nuspec? nuspec = await feed.NuspecAsync(repository, lowerId, latest, ct);
            var listed = new JsonArray();
            foreach (NugetVersion version in versions)
            {
                listed.Add(new JsonObject { ["version"] = version.Lower, ["downloads"] = 0, ["@id"] = urls.RegistrationLeaf(lowerId, version.Lower) });
            }

            data.Add(new JsonObject
            {
                ["@id"] = urls.Registration(lowerId),
                ["@type"] = "Package",
                ["registration"] = urls.Registration(lowerId),
                ["id"] = nuspec?.Id ?? lowerId,
                ["version"] = nuspec?.Version.Normalized ?? latest.Normalized,
                ["description"] = nuspec?.Description ?? string.Empty,
                ["authors"] = new JsonArray(nuspec?.Authors ?? string.Empty),
                ["totalDownloads"] = 0,
                ["verified"] = false,
                ["versions"] = listed,
            });
        }

        return Results.Text(new JsonObject { ["totalHits"] = packages.Count, ["data"] = data }.ToJsonString(), "application/json");
    }

    private static int Number(string? text, int min, int max, int fallback)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? Math.Clamp(value, min, max) : fallback;
}
