namespace Registry.Api.Auth;

/// <summary>A signed access token, when it was issued and how long it lives.</summary>
internal sealed record IssuedToken(string Token, DateTimeOffset IssuedAt, TimeSpan Lifetime);
