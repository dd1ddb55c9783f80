using System.Text.Json;
using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>A <c>ci_tokens</c> row as Dapper fills it in either metadata store; namespaces are a JSON array.</summary>
internal sealed class CiTokenRow
{
    public const string Columns = "id, name, owner, secret_hash, namespaces, actions, created_at, expires_at, revoked_at, last_used_at";

    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public string Namespaces { get; set; } = "[]";

    public int Actions { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public long? LastUsedAt { get; set; }

    public static string EncodeNamespaces(IReadOnlyList<string> namespaces)
        => JsonSerializer.Serialize([.. namespaces], AccessJsonContext.Default.StringArray);

    public CiTokenRecord ToRecord() => new(
        Id,
        Name,
        Owner,
        SecretHash,
        JsonSerializer.Deserialize(Namespaces, AccessJsonContext.Default.StringArray) ?? [],
        (AccessAction)Actions,
        AccessTime.From(CreatedAt),
        AccessTime.From(ExpiresAt),
        AccessTime.From(RevokedAt),
        AccessTime.From(LastUsedAt));
}
