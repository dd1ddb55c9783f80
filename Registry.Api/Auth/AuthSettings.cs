using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Auth;

/// <summary>The <c>Registry:Auth</c> section: token authentication, accounts, CI tokens and login throttling.</summary>
public sealed class AuthSettings
{
    public const string SectionName = "Registry:Auth";

    /// <summary>
    /// Authentication and authorization (default on). Off makes every request an anonymous admin: only for a
    /// registry nobody else can reach.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The password of the <c>admin</c> account created at first start. When unset, a random password is generated
    /// and printed once on standard output.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>The token service name: the <c>service</c> of challenges and the audience of tokens (default <c>registry</c>).</summary>
    [Required]
    public string Service { get; set; } = "registry";

    /// <summary>The <c>iss</c> of tokens this registry signs (default <c>registry-token-issuer</c>).</summary>
    [Required]
    public string Issuer { get; set; } = "registry-token-issuer";

    /// <summary>
    /// The token endpoint URL advertised in challenges. Default: <c>{scheme}://{host}/token</c> of each request, which
    /// is right unless a proxy rewrites the host or scheme.
    /// </summary>
    public string? Realm { get; set; }

    /// <summary>Lifetime of access tokens (default 5 minutes, as Docker's token specification suggests).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether <c>/token</c> answers <c>offline_token=true</c> (<c>docker login</c>) and <c>access_type=offline</c>
    /// with a refresh token (default off). Docker keeps a refresh token in config.json as its identity token instead
    /// of the password, and <c>podman login</c> then refuses to sign in to that registry ("currently logged in, auth
    /// file contains an Identity token"), so with it on docker and podman cannot share a machine. Refresh tokens
    /// issued earlier are redeemed either way until they expire.
    /// </summary>
    public bool IdentityTokens { get; set; }

    /// <summary>Lifetime of refresh tokens (<c>docker login</c>'s identity token when <see cref="IdentityTokens"/> is on; default 30 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A PEM file with an EC P-256 private key to sign tokens with, for operators who manage keys themselves.
    /// Default: a key generated at first start and kept in the metadata store, shared by every node.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The longest lifetime a CI token may be created with (default 365 days).</summary>
    public TimeSpan CiTokenMaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The lifetime of a CI token created without one (default 90 days).</summary>
    public TimeSpan CiTokenDefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How often each node checks whether users, roles or CI tokens changed on another node (default 2 seconds);
    /// changes made on a node take effect there at once.
    /// </summary>
    public TimeSpan AccessRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a verified password is remembered, so Basic authentication does not rehash it on every request (default 1 minute; 0 disables).</summary>
    public TimeSpan CredentialCacheTime { get; set; } = TimeSpan.FromMinutes(1);

    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public LoginThrottleSettings LoginThrottle { get; set; } = new();
}

/// <summary>The <c>Registry:Auth:LoginThrottle</c> section: how failed logins slow an attacker down.</summary>
public sealed class LoginThrottleSettings
{
    /// <summary>Failed logins for one account within <see cref="Window"/> before it is refused (default 5).</summary>
    [Range(1, 1_000_000)]
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Failed logins from one client address within <see cref="Window"/> before it is refused (default 20).</summary>
    [Range(1, 1_000_000)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The sliding window failures are counted in; a refused client may try again once its oldest failure leaves it (default 5 minutes).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
