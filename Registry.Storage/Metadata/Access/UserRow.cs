using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>A <c>users</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class UserRow
{
    public const string Columns = "name, password_hash, disabled, created_at, updated_at";

    public string Name { get; set; } = string.Empty;

    public string PasswordHash { get; set; } = string.Empty;

    public bool Disabled { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public UserRecord ToRecord() => new(Name, PasswordHash, Disabled, AccessTime.From(CreatedAt), AccessTime.From(UpdatedAt));
}
