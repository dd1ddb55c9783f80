namespace Registry.Api.Management.Models;

/// <summary><c>GET /api/v1/me</c>: who the credentials belong to and what they hold.</summary>
internal sealed record MeModel(string Subject, string Kind, bool GlobalAdmin, IReadOnlyList<RoleModel> Roles, CiTokenModel? CiToken);
