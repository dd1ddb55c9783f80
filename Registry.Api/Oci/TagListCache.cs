using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Registry.Api.Oci;

/// <summary>
/// Rendered tag-list pages, each remembered with the repository's tag version it was rendered at. An entry is
/// used only while the metadata store still reports that version, which it reads fresh on every request, so a
/// list is never stale on any node; repeated listings (schedulers polling) skip the query and the rendering.
/// </summary>
internal sealed class TagListCache : IDisposable
{
    private readonly MemoryCache? _cache;

    public TagListCache(IOptions<PaginationSettings> options)
    {
        long limit = options.Value.TagListCacheBytes;
        _cache = limit > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = limit }) : null;
    }

    public static string Key(string repository, int? limit, string? last)
        => string.Concat(repository, "\n", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), "\n", last);

    public RenderedTagList? Get(string key, long version)
        => _cache is not null && _cache.TryGetValue(key, out RenderedTagList? page) && page!.Version == version ? page : null;

    public void Set(string key, RenderedTagList page)
    {
        if (_cache is null)
        {
            return;
        }

        using ICacheEntry entry = _cache.CreateEntry(key);
        entry.Size = page.Body.Length + key.Length * 2 + 128;
        entry.Value = page;
    }

    public void Dispose() => _cache?.Dispose();
}

/// <summary>A tag-list response body and its <c>Link</c> header, as of one tag version.</summary>
internal sealed record RenderedTagList(long Version, byte[] Body, string? Link);
