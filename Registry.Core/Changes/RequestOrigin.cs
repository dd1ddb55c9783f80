namespace Registry.Core.Changes;

/// <summary>
/// The request a change came with, as far as an announcement names it: the id logs and error bodies carry, the
/// client's address (<c>ip:port</c>) and its bare IP for the audit log, the host it asked for, the method, its user
/// agent, the base URL content links start with (<c>scheme://host/pathbase</c>) and the port it reached.
/// </summary>
public sealed record RequestOrigin(
    string RequestId,
    string? ClientEndpoint,
    string? ClientAddress,
    string? Host,
    string Method,
    string? UserAgent,
    string? BaseUrl,
    int LocalPort);
