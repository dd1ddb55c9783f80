namespace Registry.Api.Jobs;

/// <summary>
/// This process's name among the registry's nodes: what it holds leases as. Machine, process id and a random part,
/// so a restarted process (even one that got the same pid) is a new owner and must wait for its predecessor's leases
/// to expire or be released.
/// </summary>
internal sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}
