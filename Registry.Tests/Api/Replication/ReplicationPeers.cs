using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Upstream;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Two registries of ours in process: <see cref="Source"/>, whose upstream client reaches <see cref="Destination"/>'s
/// test server at <c>http://localhost</c> (the same requests a real peer would see, authentication included), with
/// 64 KiB chunks so a small blob already goes up in several PATCHes.
/// </summary>
public sealed class ReplicationPeers : IDisposable
{
    public ReplicationPeers()
    {
        Destination = new AuthRegistry();
        Source = new SourceRegistry(Destination);
    }

    public AuthRegistry Source { get; }

    public AuthRegistry Destination { get; }

    public void Dispose()
    {
        Source.Dispose();
        Destination.Dispose();
    }

    private sealed class SourceRegistry(AuthRegistry destination) : AuthRegistry(
        new Dictionary<string, string> { ["Registry:Replication:ChunkSize"] = "65536", ["Registry:Upstream:MaxRetries"] = "1" },
        services => services.AddHttpClient(UpstreamServiceCollectionExtensions.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => destination.Factory.Server.CreateHandler()));
}
