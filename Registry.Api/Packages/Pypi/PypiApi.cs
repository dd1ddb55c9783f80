using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// The PyPI client protocol under <c>/artifactory/api/pypi/{key}/</c> (docs/packages.md): the simple index
/// (<c>simple/</c>, <c>simple/{project}/</c>) for pip, the files it links (<c>packages/{project}/{version}/{file}</c>),
/// and twine's upload (<c>POST</c> to the repository URL).
/// </summary>
internal static class PypiApi
{
    public static async Task<IResult> HandleAsync(HttpContext context, ArtifactRoute route, ArtifactServices services)
    {
        string method = context.Request.Method;
        string rest = route.RawPath.TrimEnd('/');
        if (HttpMethods.IsPost(method))
        {
            return rest.Length == 0 || rest == "legacy"
                ? await PypiUploadHandler.UploadAsync(context, route.Key, services)
                : ArtifactResults.NotAllowed($"upload with POST /artifactory/api/pypi/{route.Key} (twine's repository URL)");
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            return ArtifactResults.NotAllowed($"the PyPI API takes GET (simple index, files) and POST (uploads); delete files with DELETE /artifactory/{route.Key}/{{project}}/{{version}}/{{file}}");
        }

        if (PypiPath.Split(route.RawPath) is not { } segments)
        {
            return ArtifactResults.NotFound($"'{route.Key}/{route.RawPath}' is no path of the PyPI API");
        }

        return segments switch
        {
            ["simple"] => await PypiIndexHandler.ProjectListAsync(context, route.Key, services),
            ["simple", string project] => await PypiIndexHandler.ProjectPageAsync(context, route.Key, project, route.RawPath.EndsWith('/'), services),
            ["packages", string project, string version, string file] => await PypiFileHandler.GetAsync(context, route.Key, project, version, file, services),
            _ => ArtifactResults.NotFound($"'{route.Key}/{route.RawPath}' is no path of the PyPI API: use simple/, simple/{{project}}/ or packages/{{project}}/{{version}}/{{file}}"),
        };
    }
}
