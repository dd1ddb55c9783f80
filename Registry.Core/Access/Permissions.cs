using Registry.Core.Primitives;

namespace Registry.Core.Access;

/// <summary>
/// What one identity may do, computed once from its grants (or a CI token's scope) and the public scopes, and asked
/// per request. Immutable, so one instance can be cached and shared.
/// </summary>
public sealed class Permissions
{
    private readonly (AccessScope Scope, AccessAction Actions)[] _grants;
    private readonly AccessScope[] _public;

    private Permissions(string subject, (AccessScope, AccessAction)[] grants, AccessScope[] publicScopes, bool anonymous = false)
    {
        Subject = subject;
        IsAnonymous = anonymous;
        _grants = grants;
        _public = publicScopes;
        IsGlobalAdmin = Array.Exists(grants, g => g.Item1.Kind == ScopeKind.Global && (g.Item2 & AccessAction.Administer) != 0);
    }

    /// <summary>Who these permissions belong to (user name, <c>token:&lt;name&gt;</c> or <c>anonymous</c>).</summary>
    public string Subject { get; }

    /// <summary>Holds the admin role globally: users, settings, every repository.</summary>
    public bool IsGlobalAdmin { get; }

    /// <summary>No one signed in (made by <see cref="Anonymous"/>; a user who happens to be named <c>anonymous</c> is not).</summary>
    public bool IsAnonymous { get; }

    public const string AnonymousSubject = "anonymous";

    public static Permissions Anonymous(IReadOnlyList<AccessScope> publicScopes) => new(AnonymousSubject, [], [.. publicScopes], anonymous: true);

    public static Permissions ForUser(string name, IEnumerable<RoleGrant> grants, IReadOnlyList<AccessScope> publicScopes)
        => new(name, [.. grants.Select(g => (g.Scope, g.Role.Actions()))], [.. publicScopes]);

    /// <summary>A CI token may do its actions in its namespaces, and pull from public scopes.</summary>
    public static Permissions ForCiToken(CiTokenRecord token, IReadOnlyList<AccessScope> publicScopes)
    {
        AccessAction actions = token.Actions & (AccessAction.Pull | AccessAction.Push | AccessAction.Delete);
        var grants = new List<(AccessScope, AccessAction)>();
        foreach (string ns in token.Namespaces)
        {
            if (ns == CiTokenRecord.AllNamespaces)
            {
                grants.Add((AccessScope.Global, actions));
            }
            else if (AccessScope.TryCreate(ScopeKind.Namespace, ns, out AccessScope? scope))
            {
                grants.Add((scope.Value, actions));
            }
        }

        return new Permissions(TokenSubject(token.Name), [.. grants], [.. publicScopes]);
    }

    public static string TokenSubject(string tokenName) => "token:" + tokenName;

    /// <summary>The actions allowed on the repository: the union of every covering grant, plus pull when public.</summary>
    public AccessAction On(RepositoryName repository)
    {
        AccessAction actions = AccessAction.None;
        foreach ((AccessScope scope, AccessAction granted) in _grants)
        {
            if (scope.Covers(repository))
            {
                actions |= granted;
            }
        }

        foreach (AccessScope scope in _public)
        {
            if (scope.Covers(repository))
            {
                actions |= AccessAction.Pull;
                break;
            }
        }

        return actions;
    }

    public bool Allows(RepositoryName repository, AccessAction action) => (On(repository) & action) == action;

    /// <summary>
    /// The actions allowed on every repository of the scope (a namespace or global scope needs a grant at least that
    /// wide; public marks do not count). Used to decide who may manage a scope's grants or create tokens for it.
    /// </summary>
    public AccessAction OnScope(AccessScope target)
    {
        AccessAction actions = AccessAction.None;
        foreach ((AccessScope scope, AccessAction granted) in _grants)
        {
            if (target.IsWithin(scope))
            {
                actions |= granted;
            }
        }

        return actions;
    }

    /// <summary>
    /// The scopes on which this identity may pull: those of its grants that allow it, and the public scopes. Lets a
    /// listing ask the store for exactly those repositories instead of filtering all of them.
    /// </summary>
    public IEnumerable<AccessScope> PullScopes()
    {
        foreach ((AccessScope scope, AccessAction granted) in _grants)
        {
            if ((granted & AccessAction.Pull) != 0)
            {
                yield return scope;
            }
        }

        foreach (AccessScope scope in _public)
        {
            yield return scope;
        }
    }

    /// <summary>Whether a repository listing must be filtered for this identity (false when it may pull everything).</summary>
    public bool SeesEverything => Array.Exists(_grants, g => g.Scope.Kind == ScopeKind.Global && (g.Actions & AccessAction.Pull) != 0)
        || Array.Exists(_public, p => p.Kind == ScopeKind.Global);
}
