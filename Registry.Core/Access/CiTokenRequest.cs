namespace Registry.Core.Access;

/// <summary>A CI token asked for, with the lifetimes configured (<c>Registry:Auth:CiTokenDefaultLifetime</c>, <c>CiTokenMaxLifetime</c>).</summary>
public sealed record CiTokenRequest(
    string? Name,
    IReadOnlyList<string>? Namespaces,
    IReadOnlyList<string>? Actions,
    DateTimeOffset? ExpiresAt,
    int? ExpiresInDays,
    TimeSpan DefaultLifetime,
    TimeSpan MaxLifetime);
