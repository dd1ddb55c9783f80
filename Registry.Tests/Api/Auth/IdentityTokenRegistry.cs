namespace Registry.Tests.Api.Auth;

/// <summary>A registry that hands out refresh tokens (docker's identity tokens) when asked for offline access.</summary>
public sealed class IdentityTokenRegistry() : AuthRegistry(new Dictionary<string, string>
{
    ["Registry:Auth:IdentityTokens"] = "true",
});
