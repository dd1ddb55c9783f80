using Registry.Core.Catalog;
using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Mapping;

/// <summary>
/// The parameters of the writes both metadata stores run with the same shared statement, built once. Enums go as
/// <see cref="short"/>: PostgreSQL's columns are smallint, and SQLite stores any integer.
/// </summary>
internal static class WriteParameters
{
    /// <summary>For <see cref="AccessSql.InsertCiToken"/>.</summary>
    public static object CiToken(CiTokenRecord token) => new
    {
        token.Id,
        token.Name,
        token.Owner,
        token.SecretHash,
        Namespaces = CiTokenRow.EncodeNamespaces(token.Namespaces),
        Actions = (int)token.Actions,
        CreatedAt = AccessTime.Ms(token.CreatedAt),
        ExpiresAt = AccessTime.Ms(token.ExpiresAt),
        RevokedAt = AccessTime.Ms(token.RevokedAt),
        LastUsedAt = AccessTime.Ms(token.LastUsedAt),
    };

    /// <summary>For <see cref="AccessSql.UpsertGrant"/>.</summary>
    public static object Grant(RoleGrant grant) => new
    {
        grant.Subject,
        ScopeKind = (short)grant.Scope.Kind,
        Scope = grant.Scope.Name,
        Role = (short)grant.Role,
        GrantedAt = AccessTime.Ms(grant.GrantedAt),
        grant.GrantedBy,
    };

    /// <summary>For the dialects' <c>InsertManifest</c>.</summary>
    public static object Manifest(long repositoryId, ManifestWrite manifest, long now) => new
    {
        RepositoryId = repositoryId,
        Digest = manifest.Digest.Value,
        manifest.MediaType,
        manifest.Size,
        manifest.ArtifactType,
        Subject = manifest.Subject?.Value,
        Annotations = manifest.AnnotationsJson,
        Now = now,
    };

    /// <summary>For <see cref="MetadataSql.InsertTagHistory"/>.</summary>
    public static object TagChange(long repositoryId, string tag, string? oldDigest, string? newDigest, long now, string? actor, TagChangeKind kind) => new
    {
        RepositoryId = repositoryId,
        Tag = tag,
        OldDigest = oldDigest,
        NewDigest = newDigest,
        Now = now,
        Actor = actor,
        Kind = (short)kind,
    };

    /// <summary>For <see cref="CatalogSql.InsertManifestDetails"/>.</summary>
    public static object ManifestDetails(long repositoryId, ManifestDetailsWrite write) => new
    {
        RepositoryId = repositoryId,
        Digest = write.Digest.Value,
        Platforms = write.PlatformsJson,
        Labels = write.LabelsJson,
    };
}
