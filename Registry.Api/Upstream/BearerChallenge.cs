namespace Registry.Api.Upstream;

/// <summary>
/// A <c>WWW-Authenticate: Bearer realm="...",service="...",scope="..."</c> challenge of Docker's token flow. Values
/// are quoted strings (a scope may hold commas: <c>pull,push</c>) or bare tokens.
/// </summary>
internal sealed record BearerChallenge(Uri Realm, string? Service, string? Scope)
{
    public static bool TryParse(string? header, out BearerChallenge? challenge)
    {
        challenge = null;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string? realm = null, service = null, scope = null;
        ReadOnlySpan<char> rest = header.AsSpan("Bearer ".Length);
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart(" ,");
            int equals = rest.IndexOf('=');
            if (equals <= 0)
            {
                break;
            }

            string name = rest[..equals].Trim().ToString();
            rest = rest[(equals + 1)..];
            string value;
            if (!rest.IsEmpty && rest[0] == '"')
            {
                int end = rest[1..].IndexOf('"');
                if (end < 0)
                {
                    return false;
                }

                value = rest.Slice(1, end).ToString();
                rest = rest[(end + 2)..];
            }
            else
            {
                int comma = rest.IndexOf(',');
                value = (comma < 0 ? rest : rest[..comma]).Trim().ToString();
                rest = comma < 0 ? [] : rest[comma..];
            }

            switch (name.ToLowerInvariant())
            {
                case "realm": realm = value; break;
                case "service": service = value; break;
                case "scope": scope = value; break;
            }
        }

        if (!Uri.TryCreate(realm, UriKind.Absolute, out Uri? realmUri) || (realmUri.Scheme != Uri.UriSchemeHttps && realmUri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        challenge = new BearerChallenge(realmUri, service, scope);
        return true;
    }

    /// <summary>The realm with <c>service</c> and <c>scope</c> in its query, as the token service expects.</summary>
    public Uri TokenUri()
    {
        var builder = new UriBuilder(Realm);
        string query = builder.Query.TrimStart('?');
        if (Service is not null)
        {
            query = Append(query, "service", Service);
        }

        if (Scope is not null)
        {
            foreach (string one in Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                query = Append(query, "scope", one);
            }
        }

        builder.Query = query;
        return builder.Uri;
    }

    private static string Append(string query, string name, string value)
        => (query.Length == 0 ? string.Empty : query + "&") + name + "=" + Uri.EscapeDataString(value);
}
