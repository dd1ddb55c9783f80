using System.Text.Json.Nodes;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Registrations (<c>RegistrationsBaseUrl</c>): <c>{id}/index.json</c> with every version inlined in one page, each
/// with its catalog entry (id, version, description, authors, dependency groups, listed, package URL) read from the
/// version's nuspec (a remote's fetched once from its upstream and cached), and a leaf per version, <c>{id}/{version}.json</c>.
/// </summary>
internal static class NugetRegistrationHandler
{
    public static async Task<IResult> IndexAsync(HttpContext context, ArtifactRepository repository, string id, NugetFeed feed)
    {
        CancellationToken ct = context.RequestAborted;
        if (!NugetPackageId.IsValid(id))
        {
            return NugetResults.NotFound(context, $"'{id}' is not a valid package id");
        }

        string lowerId = id.ToLowerInvariant();
        NugetVersions found = await feed.VersionsAsync(repository, lowerId, ct);
        NugetFlatContainerHandler.AddWarning(context, found.Warning);
        NugetUrls urls = NugetUrls.For(context, repository.Key);
        var items = new JsonArray();
        NugetVersion? lower = null, upper = null;
        foreach (NugetVersion version in found.Versions)
        {
            if (await feed.NuspecAsync(repository, lowerId, version, ct) is { } nuspec)
            {
                items.Add(Leaf(urls, nuspec));
                lower ??= version;
                upper = version;
            }
        }

        if (items.Count == 0)
        {
            return found.Unreachable
                ? NugetResults.Error(context, StatusCodes.Status502BadGateway, found.Failure!.Message!)
                : NugetResults.NotFound(context, $"package '{id}' is not in '{repository.Key}'");
        }

        string index = urls.Registration(lowerId);
        var page = new JsonObject
        {
            ["@id"] = $"{index}#page/{lower!.Lower}/{upper!.Lower}",
            ["@type"] = "catalog:CatalogPage",
            ["count"] = items.Count,
            ["lower"] = lower.Lower,
            ["upper"] = upper.Lower,
            ["parent"] = index,
            ["items"] = items,
        };
        var root = new JsonObject
        {
            ["@id"] = index,
            ["@type"] = new JsonArray("catalog:CatalogRoot", "PackageRegistration", "catalog:Permalink"),
            ["count"] = 1,
            ["items"] = new JsonArray(page),
        };
        return Results.Text(root.ToJsonString(), "application/json");
    }

    public static async Task<IResult> LeafAsync(HttpContext context, ArtifactRepository repository, string id, string versionText, NugetFeed feed)
    {
        if (!NugetPackageId.IsValid(id) || !NugetVersion.TryParse(versionText, out NugetVersion? version))
        {
            return NugetResults.NotFound(context, $"'{id}/{versionText}' is not a package id and version");
        }

        string lowerId = id.ToLowerInvariant();
        if (await feed.NuspecAsync(repository, lowerId, version, context.RequestAborted) is not { } nuspec)
        {
            return NugetResults.NotFound(context, $"'{id} {versionText}' is not in '{repository.Key}'");
        }

        NugetUrls urls = NugetUrls.For(context, repository.Key);
        var leaf = new JsonObject
        {
            ["@id"] = urls.RegistrationLeaf(lowerId, version.Lower),
            ["@type"] = new JsonArray("Package", "http://schema.nuget.org/catalog#Permalink"),
            ["listed"] = true,
            ["packageContent"] = urls.PackageContent(lowerId, version.Lower),
            ["registration"] = urls.Registration(lowerId),
        };
        return Results.Text(leaf.ToJsonString(), "application/json");
    }

    private static JsonObject Leaf(NugetUrls urls, Nuspec nuspec)
    {
        string lowerId = nuspec.LowerId, lowerVersion = nuspec.Version.Lower;
        string leaf = urls.RegistrationLeaf(lowerId, lowerVersion);
        string content = urls.PackageContent(lowerId, lowerVersion);
        var groups = new JsonArray();
        foreach (NugetDependencyGroup group in nuspec.DependencyGroups)
        {
            var dependencies = new JsonArray();
            foreach (NugetDependency dependency in group.Dependencies)
            {
                dependencies.Add(new JsonObject
                {
                    ["@id"] = $"{leaf}#dependencygroup/{group.TargetFramework.ToLowerInvariant()}/{dependency.Id.ToLowerInvariant()}",
                    ["@type"] = "PackageDependency",
                    ["id"] = dependency.Id,
                    ["range"] = dependency.Range.Normalized,
                    ["registration"] = urls.Registration(dependency.Id.ToLowerInvariant()),
                });
            }

            var entry = new JsonObject
            {
                ["@id"] = $"{leaf}#dependencygroup/{group.TargetFramework.ToLowerInvariant()}",
                ["@type"] = "PackageDependencyGroup",
                ["dependencies"] = dependencies,
            };
            if (group.TargetFramework.Length > 0)
            {
                entry["targetFramework"] = group.TargetFramework;
            }

            groups.Add(entry);
        }

        return new JsonObject
        {
            ["@id"] = leaf,
            ["@type"] = "Package",
            ["catalogEntry"] = new JsonObject
            {
                ["@id"] = leaf + "#catalogEntry",
                ["@type"] = "PackageDetails",
                ["id"] = nuspec.Id,
                ["version"] = nuspec.Version.Normalized,
                ["description"] = nuspec.Description,
                ["authors"] = nuspec.Authors,
                ["dependencyGroups"] = groups,
                ["listed"] = true,
                ["packageContent"] = content,
            },
            ["packageContent"] = content,
            ["registration"] = urls.Registration(lowerId),
        };
    }
}
