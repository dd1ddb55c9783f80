using System.Net;
using System.Text.Json;
using Registry.Tests.Api.Gc;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// The GC race across processes: two nodes share PostgreSQL and the bucket and both run collection passes (one at a
/// time, by the lease) while clients on either node push, tag, delete and pull images sharing layers. Afterwards
/// every image pulls whole from the other node, and the bucket holds exactly the live images' blobs.
/// </summary>
public sealed class GcMultiNodeTests(GcMultiNodeCluster cluster, ITestOutputHelper output) : IClassFixture<GcMultiNodeCluster>
{
    [Fact]
    public async Task ClientsOnTwoNodesRacingCollectionOnBoth_LeaveEveryImageWhole_AndTheBucketHoldsExactlyTheLiveBlobs()
    {
        byte[][] baseLayers = [.. Enumerable.Range(0, 12).Select(i => Digests.RandomBytes(32 * 1024 * (1 + (i % 4))))];
        var clients = Enumerable.Range(0, 4).Select(i => new RaceClient(cluster.Nodes[i % 2].CreateClient(), i, baseLayers, seed: 2000 + i)).ToList();

        DateTimeOffset deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunUntilAsync(deadline))));
        Assert.Empty(clients.SelectMany(c => c.Failures));

        using HttpClient admin = cluster.Nodes[1].CreateClient();
        using (JsonDocument history = JsonDocument.Parse(await admin.GetStringAsync("api/v1/gc?runs=1000")))
        {
            JsonElement[] runs = [.. history.RootElement.GetProperty("runs").EnumerateArray()];
            output.WriteLine($"{clients.Sum(c => c.Operations)} operations; passes that removed something: {runs.Length}, "
                + $"{runs.Sum(r => r.GetProperty("blobsDeleted").GetInt32())} blobs, on {runs.Select(r => r.GetProperty("node").GetString()).Distinct().Count()} nodes");
            Assert.True(runs.Sum(r => r.GetProperty("blobsDeleted").GetInt32()) > 0, "collection removed nothing during the race");
        }

        // Every image, pulled through the node its client did not use.
        for (int i = 0; i < clients.Count; i++)
        {
            var verifier = new RaceClient(cluster.Nodes[(i + 1) % 2].CreateClient(), i, baseLayers, seed: 0);
            foreach (RaceImage image in clients[i].Images)
            {
                await verifier.PullAsync(image);
            }

            Assert.Empty(verifier.Failures);
        }

        await Task.Delay(GcMultiNodeCluster.PinDuration + TimeSpan.FromSeconds(1));
        using (HttpResponseMessage run = await admin.PostAsync("api/v1/gc/run", null))
        {
            Assert.True(run.StatusCode == HttpStatusCode.OK, $"POST /api/v1/gc/run: {(int)run.StatusCode} {await run.Content.ReadAsStringAsync()}");
        }

        var live = new SortedSet<string>(clients.SelectMany(c => c.Images).SelectMany(i => i.Stored).Select(b => b.Key), StringComparer.Ordinal);
        Assert.Equal(live, new SortedSet<string>(await cluster.BlobDigestsAsync(), StringComparer.Ordinal));
    }
}
