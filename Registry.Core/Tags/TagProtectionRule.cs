using Registry.Core.Access;
using Registry.Core.Primitives;

namespace Registry.Core.Tags;

/// <summary>
/// A tag protection rule: on every repository of a namespace, or on one repository (<see cref="Scope"/>), tags whose
/// whole name matches <see cref="Pattern"/> (see <see cref="TagPattern"/>) are protected as <see cref="Kind"/> says.
/// </summary>
public sealed record TagProtectionRule(long Id, AccessScope Scope, string Pattern, TagProtectionKind Kind, string CreatedBy, DateTimeOffset CreatedAt)
{
    public bool Applies(RepositoryName repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Scope.Covers(repository) && TagPattern.IsMatch(Pattern, tag);
    }

    /// <summary>How messages name the rule: <c>rule 7 (immutable: tags matching '1\..*' in team/*)</c>.</summary>
    public string Describe() => $"rule {Id} ({Kind.ToName()}: tags matching '{Pattern}' in {Scope})";
}
