using Microsoft.Extensions.Options;

namespace Registry.Api.Auth;

/// <summary>What the token endpoint uses, resolved once.</summary>
internal sealed class TokenServices(
    AccessDirectory directory,
    CredentialVerifier verifier,
    TokenIssuer issuer,
    TokenValidation validation,
    AuditLog audit,
    IOptions<AuthSettings> options,
    TimeProvider time)
{
    public AccessDirectory Directory => directory;

    public CredentialVerifier Verifier => verifier;

    public TokenIssuer Issuer => issuer;

    public TokenValidation Validation => validation;

    public AuditLog Audit => audit;

    public IOptions<AuthSettings> Options => options;

    public TimeProvider Time => time;
}
