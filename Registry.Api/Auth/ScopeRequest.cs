using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// One requested scope of Docker's token protocol, <c>type[(class)]:name:action[,action...]</c>. The name may itself
/// contain colons (a registry host with a port), so the type ends at the first colon and the actions start after the
/// last one; whether the name is a valid repository name is for the caller to check.
/// </summary>
internal sealed record ScopeRequest(string Type, string Name, IReadOnlyList<string> Actions)
{
    /// <summary>Every scope of the <c>scope</c> parameters (each may hold several, separated by spaces); malformed ones are skipped.</summary>
    public static List<ScopeRequest> ParseAll(IEnumerable<string?> parameters)
    {
        var scopes = new List<ScopeRequest>();
        foreach (string? parameter in parameters)
        {
            foreach (string text in (parameter ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Parse(text) is { } scope)
                {
                    scopes.Add(scope);
                }
            }
        }

        return scopes;
    }

    public static ScopeRequest? Parse(string text)
    {
        int first = text.IndexOf(':');
        int last = text.LastIndexOf(':');
        if (first <= 0 || last <= first + 1)
        {
            return null;
        }

        string type = text[..first];
        int resourceClass = type.IndexOf('(');
        if (resourceClass > 0 && type.EndsWith(')'))
        {
            type = type[..resourceClass];
        }

        string[] actions = text[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ScopeRequest(type, text[(first + 1)..last], actions);
    }

    /// <summary>The repository action a scope action names; <c>*</c> asks for every action there is.</summary>
    public static AccessAction ActionOf(string? action) => action switch
    {
        "pull" => AccessAction.Pull,
        "push" => AccessAction.Push,
        "delete" => AccessAction.Delete,
        "*" => AccessAction.Pull | AccessAction.Push | AccessAction.Delete,
        _ => AccessAction.None,
    };

    /// <summary>Scope action names for a set of repository actions, in the order pull, push, delete (the names CI tokens list too).</summary>
    public static List<string> NamesOf(AccessAction actions) => Core.Access.CiTokenRules.NamesOf(actions);
}
