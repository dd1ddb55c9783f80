using Registry.Core.Primitives;

namespace Registry.Core.Lineage;

/// <summary>
/// Which repositories hold base images: exact names (<c>base/java</c>), everything below a prefix (<c>base/*</c>), or
/// every repository (<c>*</c>).
/// </summary>
public sealed class BaseRepositoryPatterns(IEnumerable<string> patterns)
{
    private readonly string[] _exact = [.. patterns.Where(p => !p.EndsWith('*'))];
    private readonly string[] _prefixes = [.. patterns.Where(p => p.EndsWith('*')).Select(p => p[..^1])];

    public bool Matches(RepositoryName repository)
    {
        foreach (string exact in _exact)
        {
            if (repository.Value == exact)
            {
                return true;
            }
        }

        foreach (string prefix in _prefixes)
        {
            if (repository.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
