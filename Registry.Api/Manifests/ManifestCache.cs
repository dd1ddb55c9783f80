using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Registry.Core.Primitives;

namespace Registry.Api.Manifests;

/// <summary>
/// Manifest bytes by digest. Content under a digest never changes, so entries are never invalidated, only evicted
/// by size; whether a repository still holds a manifest is always asked of the metadata store.
/// </summary>
internal sealed class ManifestCache : IDisposable
{
    private readonly MemoryCache? _cache;

    public ManifestCache(IOptions<ManifestSettings> options)
    {
        long limit = options.Value.CacheBytes;
        _cache = limit > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = limit }) : null;
    }

    public byte[]? Get(Digest digest) => _cache is not null && _cache.TryGetValue(digest.Value, out byte[]? content) ? content : null;

    public void Set(Digest digest, byte[] content)
    {
        if (_cache is null)
        {
            return;
        }

        using ICacheEntry entry = _cache.CreateEntry(digest.Value);
        entry.Size = content.Length + 128;
        entry.Value = content;
    }

    public void Dispose() => _cache?.Dispose();
}
