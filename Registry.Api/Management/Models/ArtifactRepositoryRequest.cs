namespace Registry.Api.Management.Models;

/// <summary>
/// Create (<c>POST</c>) or change (<c>PATCH</c>, fields absent keep their value) an artifact repository. <c>class</c>
/// is <c>local</c> (the default), <c>remote</c> or <c>virtual</c>; <c>type</c> is <c>generic</c> (the default),
/// <c>maven</c> or <c>docker</c>; neither changes after creation. <c>remote</c> is for remotes, <c>virtual</c> for virtuals.
/// </summary>
internal sealed record ArtifactRepositoryRequest(
    string? Key,
    string? Type,
    string? Class,
    bool? AllowRedeploy,
    string? Description,
    RemoteSourceRequest? Remote,
    VirtualMembersModel? Virtual);
