using Registry.Api.Artifacts;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Packages.Pypi;

namespace Registry.Api.Packages.Pypi;

/// <summary>
/// <c>GET .../simple/</c> (the projects) and <c>GET .../simple/{project}/</c> (a project's files) in HTML or JSON
/// (<see cref="PypiPageFormat"/>). A project name that is not normalized, or lacks the trailing slash, is redirected
/// (301) to its normalized URL, as PEP 503 asks; an unknown project is 404, which pip reads as "no such project".
/// </summary>
internal static class PypiIndexHandler
{
    public static async Task<IResult> ProjectListAsync(HttpContext context, string key, ArtifactServices services)
    {
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Pypi, AccessAction.Pull, services);
        if (repository is null)
        {
            return failure!;
        }

        PypiProjectList.Result projects = await PypiProjectList.FindAsync(services, repository, context.RequestAborted);
        if (projects.Failure is { } upstreamFailure)
        {
            return MemberFile.Missing(upstreamFailure).Error($"repository '{key}' lists no projects");
        }

        string format = PypiPageFormat.Choose(context.Request.Headers.Accept);
        return Page(context, format, projects.Warning, PypiPageWriter.ProjectList(format, projects.Projects));
    }

    public static async Task<IResult> ProjectPageAsync(HttpContext context, string key, string project, bool slash, ArtifactServices services)
    {
        (ArtifactRepository? repository, IResult? failure) = await PackageRequest.ResolveAsync(context, key, ArtifactRepositoryType.Pypi, AccessAction.Pull, services);
        if (repository is null)
        {
            return failure!;
        }

        if (!PypiProjectName.IsValid(project))
        {
            return ArtifactResults.NotFound($"'{project}' is not a valid project name (PEP 508)");
        }

        string normalized = PypiProjectName.Normalize(project);
        if (normalized != project || !slash)
        {
            context.Response.Headers.Location = $"{context.Request.PathBase}/artifactory/api/pypi/{Uri.EscapeDataString(key)}/simple/{normalized}/";
            return Results.StatusCode(StatusCodes.Status301MovedPermanently);
        }

        PypiProjectLookup lookup = await PypiProjectFiles.FindAsync(services, repository, normalized, context.RequestAborted);
        if (lookup.Files.Count == 0)
        {
            return lookup.Failure?.Status is RemoteFetchStatus.Unreachable or RemoteFetchStatus.Refused
                ? MemberFile.Missing(lookup.Failure).Error(string.Empty)
                : ArtifactResults.NotFound($"project '{normalized}' has no files in repository '{key}'");
        }

        string format = PypiPageFormat.Choose(context.Request.Headers.Accept);
        return Page(context, format, lookup.Warning, PypiPageWriter.ProjectPage(format, lookup.Name ?? normalized, lookup.Files));
    }

    private static IResult Page(HttpContext context, string format, string? warning, byte[] body)
    {
        context.Response.Headers.Vary = "Accept";
        if (warning is not null)
        {
            context.Response.Headers.Warning = warning;
        }

        return Results.Bytes(body, format == PypiPageFormat.TextHtml ? "text/html; charset=utf-8" : format);
    }
}
