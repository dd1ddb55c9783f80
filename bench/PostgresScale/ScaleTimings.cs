using System.Diagnostics;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.PostgresScale;

/// <summary>Times the store's listing calls end to end (pool, Npgsql, Dapper), checking each answer as it goes.</summary>
internal sealed class ScaleTimings(IMetadataStore store, ScaleData data)
{
    private static readonly RepositoryName Repository = RepositoryName.Parse(ScaleData.TaggedRepository);

    public async Task RunAsync()
    {
        string middle = data.SortedTags[data.SortedTags.Length / 2];
        Report("tags/list page of 100 from the middle", await MeasureAsync(50, async () =>
        {
            TagPage page = await store.ListTagsAsync(Repository, middle, 100, CancellationToken.None);
            Check(page.Tags.Count == 100 && page.HasMore && page.Tags[0] == data.SortedTags[(data.SortedTags.Length / 2) + 1], "tag page");
        }), target: 10);

        Report($"catalog walk, {data.Repositories:N0} repositories in pages of 100", await MeasureAsync(10, async () =>
        {
            int seen = 0;
            string? last = null;
            RepositoryPage page;
            do
            {
                page = await store.ListRepositoriesAsync(last, 100, CancellationToken.None);
                seen += page.Names.Count;
                last = page.Names.Count > 0 ? page.Names[^1] : last;
            }
            while (page.HasMore);
            Check(seen == data.Repositories, "catalog walk");
        }), target: 1000);

        Report($"full tag list ({data.SortedTags.Length:N0} tags, unpaginated)", await MeasureAsync(10, async () =>
        {
            TagPage page = await store.ListTagsAsync(Repository, null, null, CancellationToken.None);
            Check(page.Tags.Count == data.SortedTags.Length && page.Tags.SequenceEqual(data.SortedTags), "full tag list");
        }), target: null);
    }

    /// <summary>Milliseconds of each of <paramref name="runs"/> runs, after three warm-up runs.</summary>
    private static async Task<double[]> MeasureAsync(int runs, Func<Task> run)
    {
        for (int i = 0; i < 3; i++)
        {
            await run();
        }

        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Report(string what, double[] sorted, double? target)
    {
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        string verdict = target is { } t ? (median < t ? $"  [target < {t} ms: met]" : $"  [target < {t} ms: MISSED]") : string.Empty;
        Console.WriteLine($"{what}: median {median:F2} ms, min {sorted[0]:F2} ms, max {sorted[^1]:F2} ms over {sorted.Length} runs{verdict}");
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"The {what} returned a wrong answer.");
        }
    }
}
