namespace Registry.Core.Replication;

/// <summary>
/// The other registry of a rule: its base URL (scheme, host and port) and the credentials this registry presents
/// there; <see cref="ProtectedPassword"/> is the password as <see cref="Access.ICredentialProtector"/> encrypted it.
/// </summary>
public sealed record ReplicationPeer(Uri Url, string? Username, string? ProtectedPassword)
{
    public bool HasPassword => ProtectedPassword is not null;
}
