using Registry.Core.Primitives;

namespace Registry.Core.Replication;

/// <summary>
/// Where a replicated repository lands. <see cref="NamespaceMappingMode.Prefix"/>: a name that is <see cref="From"/>
/// or starts with <c>From/</c> has that part replaced by <see cref="To"/> (an empty <see cref="From"/> puts every name
/// under <see cref="To"/>; an empty <see cref="To"/> strips <see cref="From"/>); other names stay as they are.
/// <see cref="NamespaceMappingMode.Flatten"/>: <c>team/tools/app</c> becomes <c>app</c>, or <c>To/app</c>.
/// </summary>
public sealed record NamespaceMapping(NamespaceMappingMode Mode, string From, string To)
{
    public static NamespaceMapping Identity { get; } = new(NamespaceMappingMode.None, string.Empty, string.Empty);

    /// <summary>The mapping, or why it cannot be one (null mapping).</summary>
    public static (NamespaceMapping? Mapping, string? Error) Create(string? mode, string? from, string? to)
    {
        from = (from ?? string.Empty).Trim('/');
        to = (to ?? string.Empty).Trim('/');
        NamespaceMappingMode? parsed = mode switch
        {
            null or "" or "none" => NamespaceMappingMode.None,
            "prefix" => NamespaceMappingMode.Prefix,
            "flatten" => NamespaceMappingMode.Flatten,
            _ => null,
        };
        if (parsed is not { } m)
        {
            return (null, $"mapping mode '{mode}' is unknown; use 'none', 'prefix' or 'flatten'");
        }

        foreach ((string field, string value) in new[] { ("from", from), ("to", to) })
        {
            if (value.Length > 0 && !RepositoryName.IsValid(value))
            {
                return (null, $"mapping {field} '{value}' is not a repository namespace (lower-case path components separated by '/')");
            }
        }

        return m switch
        {
            NamespaceMappingMode.None when from.Length > 0 || to.Length > 0 => (null, "mapping from and to need mode 'prefix' or 'flatten'"),
            NamespaceMappingMode.Prefix when from.Length == 0 && to.Length == 0 => (null, "a prefix mapping needs from, to or both"),
            NamespaceMappingMode.Flatten when from.Length > 0 => (null, "a flatten mapping takes only to (the namespace to put the last path component under)"),
            _ => (new NamespaceMapping(m, from, to), null),
        };
    }

    /// <summary>The destination name of <paramref name="repository"/>; null when the result is no valid repository name (too long).</summary>
    public RepositoryName? Map(RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        string name = repository.Value;
        string mapped = Mode switch
        {
            NamespaceMappingMode.Prefix when From.Length == 0 => Join(To, name),
            NamespaceMappingMode.Prefix when name == From => To.Length == 0 ? name : To,
            NamespaceMappingMode.Prefix when name.StartsWith(From + "/", StringComparison.Ordinal) => Join(To, name[(From.Length + 1)..]),
            NamespaceMappingMode.Flatten => Join(To, name[(name.LastIndexOf('/') + 1)..]),
            _ => name,
        };
        return RepositoryName.TryParse(mapped, out RepositoryName? result) ? result : null;
    }

    public override string ToString() => Mode switch
    {
        NamespaceMappingMode.Prefix => $"prefix '{From}' -> '{To}'",
        NamespaceMappingMode.Flatten => To.Length == 0 ? "flatten" : $"flatten under '{To}'",
        _ => "same names",
    };

    private static string Join(string prefix, string rest) => prefix.Length == 0 ? rest : prefix + "/" + rest;
}
