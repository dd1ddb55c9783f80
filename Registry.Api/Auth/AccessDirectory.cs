using System.Collections.Concurrent;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Users, CI tokens and computed permissions, cached per node. Everything is dropped when the store's access version
/// changes (checked every <see cref="AuthSettings.AccessRefreshInterval"/> by <see cref="AccessVersionWatcher"/>) and
/// at once when this node changes access itself, so a revoked token or a removed role stops working within seconds
/// on every node.
/// </summary>
internal sealed class AccessDirectory(IAccessStore store, Microsoft.Extensions.Options.IOptions<AuthSettings> options)
{
    private readonly ConcurrentDictionary<string, Permissions> _permissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserRecord?> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CiTokenRecord?> _tokens = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<AccessScope>? _publicScopes;
    private volatile Permissions? _anonymous;
    private long _generation;
    private long _storeVersion = long.MinValue;

    private static readonly Permissions Unrestricted = Permissions.ForUser(
        Permissions.AnonymousSubject, [new RoleGrant(Permissions.AnonymousSubject, AccessScope.Global, Role.Admin, DateTimeOffset.UnixEpoch, "settings")], []);

    /// <summary>Changes whenever the cache is dropped; credential caches compare it to know whether they are stale.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public IAccessStore Store => store;

    public ValueTask<UserRecord?> GetUserAsync(string name, CancellationToken ct)
        => GetOrLoadAsync(_users, name, static (s, key, c) => s.GetUserAsync(key, c), ct);

    public ValueTask<CiTokenRecord?> GetCiTokenAsync(string id, CancellationToken ct)
        => GetOrLoadAsync(_tokens, id, static (s, key, c) => s.GetCiTokenAsync(key, c), ct);

    public async ValueTask<IReadOnlyList<AccessScope>> GetPublicScopesAsync(CancellationToken ct)
    {
        if (_publicScopes is { } known)
        {
            return known;
        }

        long generation = Generation;
        IReadOnlyList<AccessScope> loaded = await store.ListPublicScopesAsync(ct);
        if (generation == Generation)
        {
            _publicScopes = loaded;
        }

        return loaded;
    }

    public async ValueTask<Permissions> GetAnonymousAsync(CancellationToken ct)
    {
        if (_anonymous is { } known)
        {
            return known;
        }

        long generation = Generation;
        Permissions loaded = Permissions.Anonymous(await GetPublicScopesAsync(ct));
        if (generation == Generation)
        {
            _anonymous = loaded;
        }

        return loaded;
    }

    /// <summary>What the caller may do now, by its current roles or CI token scope (not by the token it presented).</summary>
    public async ValueTask<Permissions> GetPermissionsAsync(Caller caller, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            // Authentication is off: everyone is an administrator, as the setting's documentation warns.
            return Unrestricted;
        }

        if (caller.IsAnonymous)
        {
            return await GetAnonymousAsync(ct);
        }

        if (_permissions.TryGetValue(caller.Subject, out Permissions? cached))
        {
            return cached;
        }

        long generation = Generation;
        IReadOnlyList<AccessScope> publicScopes = await GetPublicScopesAsync(ct);
        Permissions loaded;
        if (caller.Kind == CallerKind.CiToken)
        {
            CiTokenRecord? token = await GetCiTokenAsync(caller.CiTokenId!, ct);
            loaded = token is null ? Permissions.Anonymous(publicScopes) : Permissions.ForCiToken(token, publicScopes);
        }
        else
        {
            UserRecord? user = await GetUserAsync(caller.Subject, ct);
            loaded = user is null || user.Disabled
                ? Permissions.Anonymous(publicScopes)
                : Permissions.ForUser(caller.Subject, await store.ListGrantsAsync(caller.Subject, ct), publicScopes);
        }

        if (generation == Generation)
        {
            _permissions[caller.Subject] = loaded;
        }

        return loaded;
    }

    /// <summary>Whether the caller's account still exists and may sign in (CI token not revoked or expired, user not disabled).</summary>
    public async ValueTask<bool> IsActiveAsync(Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        switch (caller.Kind)
        {
            case CallerKind.CiToken:
                // A CI token works only while its owner's account does: disabling the owner stops their robots too.
                return await GetCiTokenAsync(caller.CiTokenId!, ct) is { } token && token.IsActive(now) && Permissions.TokenSubject(token.Name) == caller.Subject
                    && await GetUserAsync(token.Owner, ct) is { Disabled: false };
            case CallerKind.User:
                return await GetUserAsync(caller.Subject, ct) is { Disabled: false };
            default:
                return true;
        }
    }

    /// <summary>
    /// Drops everything cached after this node changed users, roles, tokens or public scopes, and remembers the
    /// store's access version as of now, so the watcher does not drop the cache a second time for the same change.
    /// The version is read before the cache is dropped: whatever another node commits later has a higher version and
    /// is still noticed.
    /// </summary>
    public async ValueTask InvalidateAsync(CancellationToken ct)
    {
        long version = await store.GetAccessVersionAsync(ct);
        Invalidate();
        Interlocked.Exchange(ref _storeVersion, version);
    }

    /// <summary>Drops everything cached.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _permissions.Clear();
        _users.Clear();
        _tokens.Clear();
        _publicScopes = null;
        _anonymous = null;
    }

    /// <summary>Drops the cache when the store's access version moved since the last check.</summary>
    public async ValueTask RefreshAsync(CancellationToken ct)
    {
        long version = await store.GetAccessVersionAsync(ct);
        if (Interlocked.Exchange(ref _storeVersion, version) != version)
        {
            Invalidate();
        }
    }

    private async ValueTask<T?> GetOrLoadAsync<T>(ConcurrentDictionary<string, T?> cache, string key, Func<IAccessStore, string, CancellationToken, ValueTask<T?>> load, CancellationToken ct)
        where T : class
    {
        if (cache.TryGetValue(key, out T? cached))
        {
            return cached;
        }

        long generation = Generation;
        T? loaded = await load(store, key, ct);
        if (generation == Generation && cache.Count < 100_000)
        {
            cache[key] = loaded;
        }

        return loaded;
    }
}
