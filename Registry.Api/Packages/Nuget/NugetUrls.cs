using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// The URLs of a NuGet repository's v3 feed, absolute as the client addressed the registry: the service index
/// <c>/artifactory/api/nuget/v3/{key}/index.json</c>, the flat container <c>flatcontainer/</c>, registrations
/// <c>registration/</c>, search <c>query</c>, and the publish URL <c>/artifactory/api/nuget/v3/{key}</c> (as Artifactory).
/// </summary>
internal sealed class NugetUrls(string feed)
{
    public static NugetUrls For(HttpContext context, string key) => new($"{ArtifactServices.BaseUri(context)}/api/nuget/v3/{Uri.EscapeDataString(key)}");

    public static NugetUrls For(string baseUri, string key) => new($"{baseUri.TrimEnd('/')}/api/nuget/v3/{Uri.EscapeDataString(key)}");

    public string Feed => feed;

    public string ServiceIndex => feed + "/index.json";

    public string FlatContainer => feed + "/flatcontainer/";

    public string Registrations => feed + "/registration/";

    public string Search => feed + "/query";

    public string Registration(string lowerId) => $"{Registrations}{lowerId}/index.json";

    public string RegistrationLeaf(string lowerId, string lowerVersion) => $"{Registrations}{lowerId}/{lowerVersion}.json";

    public string PackageContent(string lowerId, string lowerVersion) => $"{FlatContainer}{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg";
}
