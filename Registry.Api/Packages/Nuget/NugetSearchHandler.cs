using System.Text.Json.Nodes;
using Registry.Api.Artifacts;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Search (<c>SearchQueryService</c>): <c>query?q=&amp;skip=&amp;take=&amp;prerelease=&amp;semVerLevel=</c>, answered
/// with what <see cref="NugetSearch"/> finds in the repository (a local one's packages whose id contains <c>q</c>, a
/// remote one's upstream answer, a virtual one's members' results merged). Every result's <c>@id</c>,
/// <c>registration</c> and version <c>@id</c>s are this repository's registration URLs; a <c>Warning</c> says when
/// a remote answered from its cache because its upstream failed.
/// </summary>
internal static class NugetSearchHandler
{
    public static async Task<IResult> SearchAsync(HttpContext context, ArtifactRepository repository, NugetFeed feed)
    {
        NugetSearchQuery query = NugetSearchQuery.From(context.Request.Query);
        (NugetSearchPage page, string? warning) = await context.RequestServices.GetRequiredService<NugetSearch>()
            .FindAsync(repository, query, feed, context.RequestAborted);
        NugetFlatContainerHandler.AddWarning(context, warning);

        NugetUrls urls = NugetUrls.For(context, repository.Key);
        var data = new JsonArray();
        foreach (NugetSearchHit hit in page.Hits)
        {
            var result = new JsonObject
            {
                ["@id"] = urls.Registration(hit.LowerId),
                ["@type"] = "Package",
                ["registration"] = urls.Registration(hit.LowerId),
                ["id"] = hit.Id,
            };
            foreach ((string name, JsonNode? value) in hit.Entry)
            {
                if (name is not ("@id" or "@type" or "registration" or "id" or "versions"))
                {
                    result[name] = value?.DeepClone();
                }
            }

            var versions = new JsonArray();
            foreach ((NugetVersion version, JsonObject fields) in hit.Versions)
            {
                var listed = (JsonObject)fields.DeepClone();
                listed["@id"] = urls.RegistrationLeaf(hit.LowerId, version.Lower);
                versions.Add(listed);
            }

            result["versions"] = versions;
            data.Add(result);
        }

        return Results.Text(new JsonObject { ["totalHits"] = page.TotalHits, ["data"] = data }.ToJsonString(), "application/json");
    }
}
