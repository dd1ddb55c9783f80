using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Upstream;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Replication;

/// <summary>
/// Two registries of ours in process, as <see cref="ReplicationPeers"/>, for scheduled runs: <see cref="Source"/> has a
/// clock the tests move (<see cref="Clock"/>) and reaches <see cref="Destination"/> through a switch that plays a
/// destination that is down (<see cref="DestinationDown"/>: every request fails to connect). The scheduler polls an
/// hour apart unless told otherwise, so tests drive it directly and nothing runs behind their back.
/// </summary>
public sealed class ScheduledReplicationPeers : IDisposable
{
    private readonly Network _network = new();

    public ScheduledReplicationPeers(IReadOnlyDictionary<string, string>? settings = null)
    {
        Clock = new ManualClock(TimeProvider.System.GetUtcNow());
        Destination = new AuthRegistry();
        var all = new Dictionary<string, string>
        {
            ["Registry:Replication:ChunkSize"] = "65536",
            ["Registry:Replication:PollInterval"] = "01:00:00",
            ["Registry:Upstream:MaxRetries"] = "1",
        };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        Source = new SourceRegistry(all, Destination, _network, Clock);
    }

    public AuthRegistry Source { get; }

    public AuthRegistry Destination { get; }

    public ManualClock Clock { get; }

    /// <summary>While set, the source's requests to the destination fail as if nothing listened there.</summary>
    public bool DestinationDown
    {
        get => _network.Down;
        set => _network.Down = value;
    }

    public void Dispose()
    {
        Source.Dispose();
        Destination.Dispose();
    }

    private sealed class Network
    {
        public volatile bool Down;
    }

    private sealed class SourceRegistry(IReadOnlyDictionary<string, string> settings, AuthRegistry destination, Network network, ManualClock clock) : AuthRegistry(
        settings,
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient(UpstreamServiceCollectionExtensions.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new Switch(network) { InnerHandler = destination.Factory.Server.CreateHandler() });
        });

    private sealed class Switch(Network network) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => network.Down
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (the test's destination is down)")
                : base.SendAsync(request, cancellationToken);
    }
}
