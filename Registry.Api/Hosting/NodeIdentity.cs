namespace Registry.Api.Hosting;

/// <summary>This process's name among the registry's nodes: what it holds leases as.</summary>
internal sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}
