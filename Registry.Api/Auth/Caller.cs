using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Who sent a request, as authentication established it: anonymous, a user, or a CI token. A caller that presented
/// an access token also carries the token's <c>access</c> entries, which bound what the request may do.
/// </summary>
internal sealed class Caller
{
    public Caller(CallerKind kind, string subject, string? ciTokenId, TokenAccess? tokenAccess)
    {
        Kind = kind;
        Subject = subject;
        CiTokenId = ciTokenId;
        TokenAccess = tokenAccess;
    }

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, Permissions.AnonymousSubject, null, null);

    public CallerKind Kind { get; }

    /// <summary>The user name, <c>token:&lt;name&gt;</c> for a CI token, or <c>anonymous</c>; what the audit log records.</summary>
    public string Subject { get; }

    public string? CiTokenId { get; }

    /// <summary>The access entries of the bearer token the request came with; null for Basic credentials or none.</summary>
    public TokenAccess? TokenAccess { get; }

    public bool IsAnonymous => Kind == CallerKind.Anonymous;

    /// <summary>The CI token's name, for a caller that is a CI token.</summary>
    public string? CiTokenName => Kind == CallerKind.CiToken ? Subject["token:".Length..] : null;

    public static Caller ForUser(string name) => new(CallerKind.User, name, null, null);

    public static Caller ForCiToken(CiTokenRecord token) => new(CallerKind.CiToken, Permissions.TokenSubject(token.Name), token.Id, null);

    public Caller WithTokenAccess(TokenAccess access) => new(Kind, Subject, CiTokenId, access);
}
