using System.Diagnostics.CodeAnalysis;
using Registry.Core.Primitives;

namespace Registry.Core.Access;

/// <summary>The part of the registry a grant covers: everything, one namespace, or one repository.</summary>
public readonly record struct AccessScope
{
    private AccessScope(ScopeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public ScopeKind Kind { get; }

    /// <summary>Empty for <see cref="ScopeKind.Global"/>, else the namespace or repository name.</summary>
    public string Name { get; }

    public static AccessScope Global { get; } = new(ScopeKind.Global, string.Empty);

    public static AccessScope ForRepository(RepositoryName repository) => new(ScopeKind.Repository, repository.Value);

    /// <summary>
    /// Builds a scope from stored or API text; the name must be a valid namespace (one repository path component) or
    /// repository name, and empty for the global scope.
    /// </summary>
    public static bool TryCreate(ScopeKind kind, string? name, [NotNullWhen(true)] out AccessScope? scope)
    {
        scope = null;
        switch (kind)
        {
            case ScopeKind.Global when string.IsNullOrEmpty(name):
                scope = Global;
                return true;
            case ScopeKind.Namespace when name is not null && !name.Contains('/') && RepositoryName.IsValid(name):
            case ScopeKind.Repository when name is not null && RepositoryName.IsValid(name):
                scope = new AccessScope(kind, name!);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Reads the text <see cref="ToString"/> writes: <c>*</c> (everything), <c>ns/*</c> (a namespace) or a repository name.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccessScope? scope)
        => text switch
        {
            null => Fail(out scope),
            "*" => TryCreate(ScopeKind.Global, null, out scope),
            _ when text.EndsWith("/*", StringComparison.Ordinal) => TryCreate(ScopeKind.Namespace, text[..^2], out scope),
            _ => TryCreate(ScopeKind.Repository, text, out scope),
        };

    public static AccessScope Create(ScopeKind kind, string? name)
        => TryCreate(kind, name, out AccessScope? scope) ? scope.Value : throw new FormatException($"'{name}' is not a valid {kind} scope.");

    public bool Covers(RepositoryName repository) => Kind switch
    {
        ScopeKind.Global => true,
        ScopeKind.Namespace => repository.Namespace == Name,
        _ => repository.Value == Name,
    };

    /// <summary>Whether every repository this scope covers is also covered by <paramref name="outer"/>.</summary>
    public bool IsWithin(AccessScope outer) => outer.Kind switch
    {
        ScopeKind.Global => true,
        ScopeKind.Namespace => Kind != ScopeKind.Global && (Kind == ScopeKind.Namespace ? Name == outer.Name : RepositoryName.Parse(Name).Namespace == outer.Name),
        _ => Kind == ScopeKind.Repository && Name == outer.Name,
    };

    private static bool Fail(out AccessScope? scope)
    {
        scope = null;
        return false;
    }

    public override string ToString() => Kind switch
    {
        ScopeKind.Global => "*",
        ScopeKind.Namespace => Name + "/*",
        _ => Name,
    };
}
