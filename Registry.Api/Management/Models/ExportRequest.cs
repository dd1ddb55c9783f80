namespace Registry.Api.Management.Models;

/// <summary>
/// The body of <c>POST /api/v1/exports</c>: repository patterns (<c>team/*</c>, <c>**</c>), tag patterns (a glob, or
/// <c>regex:...</c>), a version range (<c>&gt;=17.0.0 &lt;18</c>) and whether untagged manifests go too. Omitted
/// lists mean "every"; files of generic and Maven repositories go only when <see cref="ArtifactRepositories"/> names some
/// (key globs), those whose path matches one of <see cref="ArtifactPaths"/> (default: all).
/// </summary>
internal sealed record ExportRequest(
    IReadOnlyList<string>? Repositories, IReadOnlyList<string>? Tags, string? Versions, bool IncludeUntagged,
    IReadOnlyList<string>? ArtifactRepositories = null, IReadOnlyList<string>? ArtifactPaths = null);
