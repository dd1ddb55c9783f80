using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Hosting;

/// <summary>
/// The <c>Registry:Network</c> section: what the registry may believe about the client behind a proxy, and how much
/// a connection may queue in the kernel.
/// </summary>
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

    /// <summary>
    /// The most response bytes a connection may leave queued in the kernel, not yet sent (Linux
    /// <c>TCP_NOTSENT_LOWAT</c>, set on every accepted connection; default 1 MiB). Bytes on the wire are not limited, so
    /// a far client's throughput is not; what a slow reader has not taken stays in the page cache instead of the
    /// kernel's TCP memory, which hundreds of downloads at once would otherwise exhaust (net.ipv4.tcp_mem: packets
    /// are then dropped and every connection waits out retransmission timeouts). 0 leaves the kernel's setting
    /// (net.ipv4.tcp_notsent_lowat). Ignored on systems other than Linux and where the kernel refuses the option.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int TcpNotSentLowWatermark { get; set; } = 1024 * 1024;
}
