using Registry.Api.Artifacts;
using Registry.Core.Artifacts;

namespace Registry.Api.Management.Models;

/// <summary>
/// An artifact repository as <c>/api/v1</c> shows it: <c>url</c> is where clients reach it under
/// <c>/artifactory/</c>; <c>remote</c> (remotes) holds the upstream's URL, <c>virtual</c> (virtuals) the members.
/// </summary>
internal sealed record ArtifactRepositoryModel(
    string Key,
    string Type,
    string Class,
    bool AllowRedeploy,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Url,
    RemoteSourceModel? Remote,
    VirtualMembersModel? Virtual)
{
    public static ArtifactRepositoryModel From(HttpContext context, ArtifactRepository r) => new(
        r.Key, RepositoryNames.Of(r.Type), RepositoryNames.Of(r.Class), r.AllowRedeploy, r.Description, r.CreatedAt, r.CreatedBy,
        $"{ArtifactServices.BaseUri(context)}/{r.Key}",
        r.Remote is { } remote ? RemoteSourceModel.From(remote) : null,
        r.Virtual is { } members ? new VirtualMembersModel(members.Repositories, members.DefaultDeploymentRepo) : null);
}
