namespace Registry.Core.Access;

/// <summary>A registry account. The password is kept only as a hash from a password hasher.</summary>
public sealed record UserRecord(string Name, string PasswordHash, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
