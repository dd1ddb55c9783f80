using System.Text.Json.Nodes;
namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The service index (<c>index.json</c>): where the client finds the flat container, publish, registrations and search,
/// with the resource type versions nuget.org lists, so every client version finds what it looks for.
/// </summary>
internal static class NugetServiceIndexResult
{
    public static IResult For(HttpContext context, string key)
    {
        NugetUrls urls = NugetUrls.For(context, key);
        var resources = new JsonArray();
        void Add(string id, string type, string comment) => resources.Add(new JsonObject { ["@id"] = id, ["@type"] = type, ["comment"] = comment });

        Add(urls.FlatContainer, "PackageBaseAddress/3.0.0", "Base URL of where NuGet packages are stored, in the format {id}/{version}/{id}.{version}.nupkg");
        Add(urls.Feed, "PackagePublish/2.0.0", "Push (PUT) and delete (DELETE {id}/{version}) packages");
        foreach (string type in (ReadOnlySpan<string>)["RegistrationsBaseUrl", "RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.0.0-beta", "RegistrationsBaseUrl/3.6.0"])
        {
            Add(urls.Registrations, type, "Base URL of package registrations: {id-lower}/index.json");
        }

        foreach (string type in (ReadOnlySpan<string>)["SearchQueryService", "SearchQueryService/3.0.0-rc", "SearchQueryService/3.0.0-beta"])
        {
            Add(urls.Search, type, "Query endpoint of the search service (package ids)");
        }

        return Results.Text(new JsonObject { ["version"] = "3.0.0", ["resources"] = resources }.ToJsonString(), "application/json");
    }
}
