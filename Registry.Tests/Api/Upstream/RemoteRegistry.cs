using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Oci;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// A registry for docker remote tests: its clock moves by hand (tag revalidation and remembered misses are steps of
/// the test), upstream requests are retried once, and remotes are created straight in the store.
/// </summary>
public class RemoteRegistry : AuthRegistry
{
    public RemoteRegistry()
        : this(_ => { })
    {
    }

    /// <summary>With extra services, registered after the registry's own (so they replace them).</summary>
    protected RemoteRegistry(Action<IServiceCollection> services)
        : this(new ManualClock(TimeProvider.System.GetUtcNow()), services)
    {
    }

    private RemoteRegistry(ManualClock clock, Action<IServiceCollection> services)
        : base(new Dictionary<string, string> { ["Registry:Upstream:MaxRetries"] = "1" }, collection =>
        {
            collection.AddSingleton<TimeProvider>(clock);
            services(collection);
        })
        => Clock = clock;

    public ManualClock Clock { get; }

    /// <summary>Creates a docker remote of <paramref name="url"/> under a fresh key and returns the key.</summary>
    internal async Task<string> CreateRemoteAsync(Uri url, bool offline = false, bool mirror = false, string? username = null, string? password = null, IReadOnlyList<string>? aliases = null, string prefix = "r", int cleanupHours = 0)
    {
        string key = prefix + Guid.NewGuid().ToString("N")[..10];
        string? protectedPassword = password is null ? null : Service<ICredentialProtector>().Protect(password);
        var remote = new RemoteSource(url, username, protectedPassword, RemoteSource.DefaultRetrievalCachePeriodSecs,
            RemoteSource.DefaultMissedRetrievalCachePeriodSecs, offline, cleanupHours, mirror, aliases ?? []);
        var repository = new ArtifactRepository(key, ArtifactRepositoryType.Docker, false, "test remote", Clock.GetUtcNow(), "admin")
        {
            Class = RepositoryClass.Remote,
            Remote = remote,
        };
        Assert.True(await Service<IArtifactStore>().CreateArtifactRepositoryAsync(repository, CancellationToken.None));
        await Service<DockerRemotes>().RefreshAsync(CancellationToken.None);
        return key;
    }
}
