namespace Registry.Core.Preheat;

/// <summary>
/// Another registry of ours that caches this one (an edge): its <see cref="Url"/>, the key of its docker remote
/// repository whose upstream is this registry, and the account a preheat signs in with there.
/// </summary>
/// <param name="Name">The edge's name here, unique.</param>
/// <param name="Url">The edge registry's base URL (absolute http or https).</param>
/// <param name="RemoteKey">The key of the edge's docker remote over this registry.</param>
/// <param name="Username">The edge account (push on the remote key), or null for anonymous calls.</param>
/// <param name="ProtectedPassword">The password as stored, encrypted by <see cref="Access.ICredentialProtector"/>; never returned.</param>
public sealed record PreheatEdge(string Name, Uri Url, string RemoteKey, string? Username, string? ProtectedPassword, DateTimeOffset CreatedAt, string CreatedBy)
{
    public bool HasPassword => ProtectedPassword is not null;
}
