using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Tests.Api.Auth;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Remotes;

/// <summary>
/// A registry whose upstream HTTP goes to a <see cref="FakeUpstream"/>, on a <see cref="SkippingClock"/> (tests
/// move time past cache periods instead of waiting), with short upstream timeouts and one quick retry. Remote and
/// virtual repositories are created through the store (as the configuration API does).
/// </summary>
public sealed class RemoteRegistry : AuthRegistry
{
    public RemoteRegistry()
        : this(new FakeUpstream(), new SkippingClock())
    {
    }

    private RemoteRegistry(FakeUpstream upstream, SkippingClock clock)
        : base(
            new Dictionary<string, string>
            {
                ["Registry:Upstream:MaxRetries"] = "1",
                ["Registry:Upstream:AttemptTimeout"] = "00:00:01",
                ["Registry:Upstream:TotalTimeout"] = "00:00:03",
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddHttpClient("upstream").ConfigurePrimaryHttpMessageHandler(() => upstream);
                services.PostConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(10));
            })
    {
        Upstream = upstream;
        Clock = clock;
    }

    public FakeUpstream Upstream { get; }

    public SkippingClock Clock { get; }

    /// <summary>A remote over <paramref name="url"/>; a password is stored encrypted, as the configuration API stores it.</summary>
    public async Task<string> CreateRemoteAsync(
        ArtifactRepositoryType type, Uri url, int retrievalSecs = 300, int missedSecs = 60, bool offline = false, (string User, string Password)? account = null)
    {
        string key = UniqueName("rem");
        string? protectedPassword = account is { } a ? Service<ICredentialProtector>().Protect(a.Password) : null;
        var remote = new RemoteSource(url, account?.User, protectedPassword, retrievalSecs, missedSecs, offline, 0, false, []);
        await CreateAsync(new ArtifactRepository(key, type, false, null, Clock.GetUtcNow(), "admin") { Class = RepositoryClass.Remote, Remote = remote });
        return key;
    }

    public async Task<string> CreateVirtualAsync(ArtifactRepositoryType type, string? deployTo, params string[] members)
    {
        string key = UniqueName("virt");
        await CreateAsync(new ArtifactRepository(key, type, false, null, Clock.GetUtcNow(), "admin")
        {
            Class = RepositoryClass.Virtual,
            Virtual = new VirtualMembers(members, deployTo),
        });
        return key;
    }

    /// <summary>Changes a remote's settings (offline, say) through the store.</summary>
    public async Task UpdateRemoteAsync(string key, Func<RemoteSource, RemoteSource> change)
    {
        IArtifactStore store = Service<IArtifactStore>();
        ArtifactRepository repository = (await store.GetArtifactRepositoryAsync(key, CancellationToken.None))!;
        Assert.True(await store.UpdateArtifactRepositoryAsync(repository with { Remote = change(repository.Remote!) }, CancellationToken.None));
    }

    private async Task CreateAsync(ArtifactRepository repository)
        => Assert.True(await Service<IArtifactStore>().CreateArtifactRepositoryAsync(repository, CancellationToken.None));
}
