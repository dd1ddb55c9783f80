namespace Registry.Core.Access;

/// <summary>
/// A CI token (robot account): a named secret scoped to namespaces and actions, with an expiry. Only a hash of the
/// secret is stored; the secret itself is shown once, when the token is created.
/// </summary>
/// <param name="Id">Public identifier, also embedded in the secret so a presented secret finds its row.</param>
/// <param name="Name">The name it logs in with and is audited as.</param>
/// <param name="Owner">The user who created it.</param>
/// <param name="SecretHash">SHA-256 of the secret (the secret is 256 random bits, so a fast hash is enough).</param>
/// <param name="Namespaces">The namespaces it may act on; <c>*</c> alone means every namespace.</param>
/// <param name="Actions">What it may do there (a subset of pull, push, delete).</param>
public sealed record CiTokenRecord(
    string Id,
    string Name,
    string Owner,
    byte[] SecretHash,
    IReadOnlyList<string> Namespaces,
    AccessAction Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public const string AllNamespaces = "*";

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
