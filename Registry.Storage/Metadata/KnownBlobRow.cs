using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata;

/// <summary>One (digest, repository) row of the integrity query; rows arrive ordered by digest.</summary>
internal sealed record KnownBlobRow(string Digest, string? Repository)
{
    /// <summary>Folds rows ordered by digest into one <see cref="KnownBlob"/> per digest; unparsable digests are skipped.</summary>
    public static IEnumerable<KnownBlob> Group(IEnumerable<KnownBlobRow> rows)
    {
        string? current = null;
        var repositories = new List<string>();
        foreach (KnownBlobRow row in rows)
        {
            if (row.Digest != current)
            {
                if (current is not null && Core.Primitives.Digest.TryParse(current, out Digest digest))
                {
                    yield return new KnownBlob(digest, repositories);
                }

                current = row.Digest;
                repositories = [];
            }

            if (row.Repository is { } name && !repositories.Contains(name))
            {
                repositories.Add(name);
            }
        }

        if (current is not null && Core.Primitives.Digest.TryParse(current, out Digest last))
        {
            yield return new KnownBlob(last, repositories);
        }
    }
}
