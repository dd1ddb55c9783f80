using Registry.Api.Http;
using Registry.Core.Access;

namespace Registry.Api.Management.Models;

/// <summary>A scope as the API spells it: <c>kind</c> global, namespace or repository, and its name (empty for global).</summary>
internal sealed record ScopeModel(string Kind, string? Name)
{
    public static ScopeModel From(AccessScope scope) => new(KindName(scope.Kind), scope.Kind == ScopeKind.Global ? null : scope.Name);

    public static string KindName(ScopeKind kind) => kind switch
    {
        ScopeKind.Global => "global",
        ScopeKind.Namespace => "namespace",
        _ => "repository",
    };

    /// <summary>The scope, or the problem naming <c>kind</c> or <paramref name="nameField"/> (how the request calls the name).</summary>
    public static bool TryToScope(string? kind, string? name, out AccessScope scope, out InputProblem? error, string nameField = "name")
    {
        scope = default;
        error = null;
        ScopeKind? parsed = kind switch
        {
            "global" => ScopeKind.Global,
            "namespace" => ScopeKind.Namespace,
            "repository" => ScopeKind.Repository,
            _ => null,
        };
        if (parsed is null)
        {
            error = new("kind", $"kind must be global, namespace or repository, not '{kind}'");
            return false;
        }

        if (!AccessScope.TryCreate(parsed.Value, parsed == ScopeKind.Global ? (string.IsNullOrEmpty(name) ? null : name) : name, out AccessScope? created))
        {
            error = new(nameField, parsed == ScopeKind.Global
                ? "a global scope has no name"
                : $"'{name}' is not a valid {kind} name (lowercase letters, digits and separators; a namespace is one path component)");
            return false;
        }

        scope = created.Value;
        return true;
    }
}
