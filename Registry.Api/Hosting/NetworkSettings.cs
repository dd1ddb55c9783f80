namespace Registry.Api.Hosting;

/// <summary>The <c>Registry:Network</c> section: what the registry may believe about the client behind a proxy.</summary>
public sealed class NetworkSettings
{
    public const string SectionName = "Registry:Network";

    /// <summary>
    /// Addresses or CIDR networks of reverse proxies and load balancers whose <c>X-Forwarded-For</c>,
    /// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> headers are believed. Empty (the default): the headers are
    /// ignored and the client is the connection's peer. The client address feeds login throttling and the audit log;
    /// the scheme and host feed the token realm of challenges.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
