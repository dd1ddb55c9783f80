namespace Registry.Tests.EndToEnd;

/// <summary>The fleet of <see cref="MultiNodeCluster"/> with refresh tokens (docker's identity tokens) turned on.</summary>
public sealed class IdentityTokenCluster : MultiNodeCluster
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Registry__Auth__IdentityTokens"] = "true",
    };
}
