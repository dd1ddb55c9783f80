using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Api.Management.Models;

/// <summary>A CI token as listed: never its secret, which only the creation response carries.</summary>
internal sealed record CiTokenModel(
    string Id,
    string Name,
    string Owner,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? Secret = null)
{
    public static CiTokenModel From(CiTokenRecord token, string? secret = null)
        => new(token.Id, token.Name, token.Owner, token.Namespaces, ScopeRequest.NamesOf(token.Actions), token.CreatedAt, token.ExpiresAt, token.RevokedAt, token.LastUsedAt, secret);
}
