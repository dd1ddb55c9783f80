using Registry.Core.Artifacts;
using Registry.Tests.Support;

namespace Registry.Tests.Api.Remotes;

/// <summary>
/// One upstream fetch per missing file and node, however many clients ask while it runs, and a fetch that goes on
/// for the others (and the cache) when the client that started it goes away.
/// </summary>
public sealed class RemoteSingleFlightApiTests(RemoteRegistry registry) : IClassFixture<RemoteRegistry>
{
    private const string Jar = "org/acme/lib/1.0/lib-1.0.jar";

    private HttpClient Admin => registry.Admin;

    private FakeUpstream Upstream => registry.Upstream;

    [Fact]
    public async Task ConcurrentRequests_ForTheSameMissingFile_FetchItOnce()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(20_000);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Upstream.Route(new Uri(site, Jar), async ct =>
        {
            await release.Task.WaitAsync(ct);
            return FakeUpstream.Ok(jar);
        });
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);

        Task<byte[]>[] clients = [.. Enumerable.Range(0, 8).Select(_ => Admin.GetByteArrayAsync($"/artifactory/{key}/{Jar}"))];
        await WaitUntilAsync(() => Upstream.Requests(new Uri(site, Jar)) >= 1);

        // Gives the other clients time to join the fetch held at the upstream. The count below holds for any timing:
        // a client arriving after the fetch finished is served from the cache.
        await Task.Delay(200);
        release.SetResult();
        foreach (byte[] body in await Task.WhenAll(clients))
        {
            Assert.Equal(jar, body);
        }

        Assert.Equal(1, Upstream.Requests(new Uri(site, Jar)));
    }

    [Fact]
    public async Task AClientThatGoesAwayDuringTheFetch_DoesNotCancelIt_TheFileIsCachedForTheNext()
    {
        Uri site = FakeUpstream.NewSite();
        byte[] jar = Digests.RandomBytes(4000);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Upstream.Route(new Uri(site, Jar), async ct =>
        {
            await release.Task.WaitAsync(ct);
            return FakeUpstream.Ok(jar);
        });
        string key = await registry.CreateRemoteAsync(ArtifactRepositoryType.Maven, site);

        using (var impatient = new CancellationTokenSource())
        {
            Task<HttpResponseMessage> abandoned = Admin.GetAsync($"/artifactory/{key}/{Jar}", impatient.Token);
            await WaitUntilAsync(() => Upstream.Requests(new Uri(site, Jar)) == 1);
            await impatient.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        release.SetResult();
        IArtifactStore store = registry.Service<IArtifactStore>();
        for (int i = 0; i < 500 && await store.GetFileAsync(key, Jar, CancellationToken.None) is null; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(jar, await Admin.GetByteArrayAsync($"/artifactory/{key}/{Jar}"));
        Assert.Equal(1, Upstream.Requests(new Uri(site, Jar)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
