using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Core.Packages.Nuget;

/// <summary>
/// A search answer (<c>SearchQueryService</c>: <c>{"totalHits":n,"data":[{"id":..,"version":..,"versions":[{"version":..},..],..}]}</c>)
/// as an upstream sends it, read into <see cref="NugetSearchPage"/>: entries without a valid package id, and versions
/// that are not NuGet versions, are left out; every other field is kept as the upstream gives it.
/// </summary>
public static class NugetSearchAnswer
{
    /// <summary>The largest upstream search answer read: 8 MiB.</summary>
    public const int MaxBytes = 8 << 20;

    /// <summary>The page, or null when the JSON is not a search answer.</summary>
    public static NugetSearchPage? Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonObject answer || answer["data"] is not JsonArray data)
        {
            return null;
        }

        var hits = new List<NugetSearchHit>(data.Count);
        foreach (JsonNode? node in data)
        {
            if (node is JsonObject entry && Text(entry["id"]) is { } id && NugetPackageId.IsValid(id))
            {
                var hit = new NugetSearchHit(id, (JsonObject)entry.DeepClone());
                if (hit.Entry["versions"] is JsonArray versions)
                {
                    foreach (JsonNode? listed in versions)
                    {
                        if (listed is JsonObject version && NugetVersion.TryParse(Text(version["version"]), out NugetVersion? parsed))
                        {
                            hit.Add(parsed, (JsonObject)version.DeepClone());
                        }
                    }
                }

                hit.Entry.Remove("versions");
                hits.Add(hit);
            }
        }

        int total = answer["totalHits"] is JsonValue value && value.TryGetValue(out int count) && count >= 0 ? count : hits.Count;
        return new NugetSearchPage(total, hits);
    }

    /// <summary>
    /// Pages of several repositories merged in their order: one hit per package id (the first repository's, with the
    /// versions the later ones add); the total counts each id once among the hits seen.
    /// </summary>
    public static NugetSearchPage Merge(IEnumerable<NugetSearchPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var hits = new List<NugetSearchHit>();
        var byId = new Dictionary<string, NugetSearchHit>(StringComparer.Ordinal);
        int total = 0;
        foreach (NugetSearchPage page in pages)
        {
            total += page.TotalHits;
            foreach (NugetSearchHit hit in page.Hits)
            {
                if (byId.TryGetValue(hit.LowerId, out NugetSearchHit? first))
                {
                    first.AddVersionsOf(hit);
                    total--;
                }
                else
                {
                    byId[hit.LowerId] = hit;
                    hits.Add(hit);
                }
            }
        }

        return new NugetSearchPage(Math.Max(total, hits.Count), hits);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}

/// <summary>One page of search results and how many packages match in all.</summary>
public sealed record NugetSearchPage(int TotalHits, IReadOnlyList<NugetSearchHit> Hits)
{
    public static NugetSearchPage Empty { get; } = new(0, []);
}

/// <summary>
/// One package of a search result: its id, its fields (<see cref="Entry"/>, without the versions and URLs, which the
/// answer adds for the repository asked) and its versions, ascending, each with its own fields (<c>downloads</c>, say).
/// </summary>
public sealed class NugetSearchHit(string id, JsonObject entry)
{
    private readonly SortedDictionary<NugetVersion, JsonObject> _versions = [];

    public string Id => id;

    public string LowerId { get; } = id.ToLowerInvariant();

    public JsonObject Entry => entry;

    public IEnumerable<KeyValuePair<NugetVersion, JsonObject>> Versions => _versions;

    /// <summary>Adds a version (a version already listed keeps its first fields).</summary>
    public void Add(NugetVersion version, JsonObject fields) => _versions.TryAdd(version, fields);

    public void AddVersionsOf(NugetSearchHit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach ((NugetVersion version, JsonObject fields) in other._versions)
        {
            Add(version, fields);
        }
    }
}
