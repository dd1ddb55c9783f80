namespace Registry.Core.Packages.Pypi;

/// <summary>Where a PyPI remote's upstream keeps its pages: its URL is an index root (with <c>simple/</c> below) or the <c>simple</c> URL itself.</summary>
public static class PypiIndexUrls
{
    /// <summary>The upstream's <c>.../simple/</c> URL.</summary>
    public static Uri SimpleRoot(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string text = url.GetLeftPart(UriPartial.Path);
        string trimmed = text.TrimEnd('/');
        return trimmed.EndsWith("/simple", StringComparison.OrdinalIgnoreCase) ? new Uri(trimmed + "/") : new Uri(trimmed + "/simple/");
    }

    /// <summary>The upstream's page of a project (by its normalized name): <c>.../simple/{project}/</c>.</summary>
    public static Uri ProjectPage(Uri url, string project) => new(SimpleRoot(url), Uri.EscapeDataString(project) + "/");

    /// <summary>Where a remote caches the upstream's page of a project: <c>.meta/simple/{project}.html</c>.</summary>
    public static string CachedProjectPage(string project) => $"{PackageLayout.MetadataFolder}/simple/{project}.html";

    /// <summary>Where a remote caches the upstream's list of projects.</summary>
    public static string CachedProjectList => $"{PackageLayout.MetadataFolder}/simple/index.html";
}
