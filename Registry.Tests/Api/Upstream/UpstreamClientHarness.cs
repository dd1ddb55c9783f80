using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Registry.Api.Upstream;
using Registry.Core.Access;
using Registry.Core.Artifacts;

namespace Registry.Tests.Api.Upstream;

/// <summary>
/// The upstream client as the registry wires it (named resilient client, token cache, data-protection credential
/// protector), with the token cache on a fake clock so token expiry is a step of the test, not a wait.
/// </summary>
internal sealed class UpstreamClientHarness : IDisposable
{
    private readonly ServiceProvider provider;

    public UpstreamClientHarness()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Upstream:MaxRetries"] = "1",
        }).Build());
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddUpstreams();
        services.AddSingleton(new UpstreamTokens(Clock));
        provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public UpstreamClient Client => provider.GetRequiredService<UpstreamClient>();

    /// <summary>A remote of <paramref name="url"/>, with the password encrypted as the registry stores it.</summary>
    public RemoteSource Remote(Uri url, string? username = null, string? password = null)
        => new(url, username, password is null ? null : provider.GetRequiredService<ICredentialProtector>().Protect(password),
            RemoteSource.DefaultRetrievalCachePeriodSecs, RemoteSource.DefaultMissedRetrievalCachePeriodSecs, false, 0, false, []);

    public void Dispose() => provider.Dispose();
}
