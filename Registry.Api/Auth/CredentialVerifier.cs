using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// Checks a name and password, which is either a user's password or a CI token secret (then the name is the token's
/// name). Throttled accounts and addresses are refused before any check; failures and fresh successes are audited.
/// A verified pair is remembered for <see cref="AuthSettings.CredentialCacheTime"/> (keyed by a keyed hash, never the
/// password), so clients sending Basic on every request do not pay for a password hash each time. Logins with the same
/// pair that arrive while it is being checked (a deploy storm: hundreds of hosts with one pull secret) wait for that
/// one check instead of hashing the password each; if it fails, each does its own check, throttled and audited.
/// </summary>
internal sealed class CredentialVerifier(
    AccessDirectory directory,
    LoginThrottle throttle,
    AuditLog audit,
    CiTokenUsage usage,
    IOptions<AuthSettings> options,
    TimeProvider time)
{
    /// <summary>What a client is told for every other refused name and password, so it learns nothing about accounts.</summary>
    public const string IncorrectCredentials = "incorrect username or password";

    private const int MaxCachedCredentials = 10_000;
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, CachedLogin> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunningCheck> _checking = new(StringComparer.Ordinal);

    private sealed record CachedLogin(Caller Caller, long Generation, DateTimeOffset Expires);

    /// <summary>A check under way, and the access generation it started from (as a cached login records it).</summary>
    private sealed record RunningCheck(Task<LoginResult> Result, long Generation);

    public async ValueTask<LoginResult> VerifyAsync(string name, string password, HttpContext context, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        string? address = context.ClientAddress();
        string cacheKey = CacheKey(name, password);
        if (_verified.TryGetValue(cacheKey, out CachedLogin? cached) && cached.Expires > now && cached.Generation == directory.Generation)
        {
            if (cached.Caller.CiTokenId is { } cachedTokenId)
            {
                usage.Record(cachedTokenId);
            }

            return LoginResult.Success(cached.Caller);
        }

        long generation = directory.Generation;
        var check = new TaskCompletionSource<LoginResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new RunningCheck(check.Task, generation);
        if (!_checking.TryAdd(cacheKey, mine))
        {
            if (_checking.TryGetValue(cacheKey, out RunningCheck? running) && await SharedSuccessAsync(running) is { } shared)
            {
                return shared;
            }

            return await CheckAsync(name, password, cacheKey, address, now, generation, context, ct);
        }

        try
        {
            LoginResult result = await CheckAsync(name, password, cacheKey, address, now, generation, context, ct);
            check.SetResult(result);
            return result;
        }
        catch (Exception e)
        {
            check.SetException(e);
            throw;
        }
        finally
        {
            _checking.TryRemove(KeyValuePair.Create(cacheKey, mine));
        }
    }

    /// <summary>
    /// The caller another request's check of the same pair found, or null when it refused them, failed, or access
    /// changed since it began (then this request checks for itself, as it would on a stale cache entry).
    /// </summary>
    private async ValueTask<LoginResult?> SharedSuccessAsync(RunningCheck running)
    {
        try
        {
            LoginResult result = await running.Result;
            if (result.Caller is not { } caller || running.Generation != directory.Generation)
            {
                return null;
            }

            if (caller.CiTokenId is { } tokenId)
            {
                usage.Record(tokenId);
            }

            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The other request was cancelled or its store call failed: this one checks for itself.
            return null;
        }
    }

    private async ValueTask<LoginResult> CheckAsync(
        string name, string password, string cacheKey, string? address, DateTimeOffset now, long generation, HttpContext context, CancellationToken ct)
    {
        if (throttle.RetryAfter(name, address) is { } wait)
        {
            audit.Record(context, Redact(name), "login.failure", Redact(name), "throttled: too many failed logins", success: false);
            return LoginResult.Refused($"too many failed logins; try again in {Math.Ceiling(wait.TotalSeconds)} s", wait);
        }

        (Caller? caller, string? reason, string? told) = CiTokenSecret.LooksLikeSecret(password)
            ? await VerifyCiTokenAsync(name, password, now, ct)
            : await VerifyPasswordAsync(name, password, now, ct);
        if (caller is null)
        {
            throttle.RecordFailure(name, address);
            audit.Record(context, Redact(name), "login.failure", Redact(name), reason, success: false);
            return LoginResult.Refused(told ?? IncorrectCredentials);
        }

        throttle.RecordSuccess(name);
        audit.Record(context, caller.Subject, "login.success", caller.Subject, null, success: true);
        TimeSpan cacheTime = options.Value.CredentialCacheTime;
        if (cacheTime > TimeSpan.Zero)
        {
            if (_verified.Count >= MaxCachedCredentials)
            {
                _verified.Clear();
            }

            _verified[cacheKey] = new CachedLogin(caller, generation, now + cacheTime);
        }

        return LoginResult.Success(caller);
    }

    /// <summary>
    /// Checks a CI token secret. The reason goes to the audit log; what the client is told stays "incorrect username
    /// or password" unless it proved it holds the secret of the token it named: then it learns that the token was
    /// revoked or has expired, which tells it nothing it could not know, and tells a CI job what to fix.
    /// </summary>
    private async ValueTask<(Caller? Caller, string? Reason, string? Told)> VerifyCiTokenAsync(string name, string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (!CiTokenSecret.TryGetId(secret, out string? id) || await directory.GetCiTokenAsync(id, ct) is not { } token)
        {
            return (null, "unknown CI token", null);
        }

        if (!CiTokenSecret.Matches(secret, token.SecretHash))
        {
            return (null, "wrong CI token secret", null);
        }

        // An empty name: the secret came alone (npm's _authToken, NuGet's API key); it names its token itself. So does
        // PyPI's convention, the name __token__ with the token as password (twine, uv, poetry).
        if (name.Length > 0 && name != "__token__" && token.Name != name && Permissions.TokenSubject(token.Name) != name)
        {
            return (null, $"CI token '{token.Name}' used with the name '{Redact(name)}'", null);
        }

        if (token.RevokedAt is not null)
        {
            return (null, $"CI token '{token.Name}' is revoked", RevokedMessage(token.Name));
        }

        if (token.ExpiresAt <= now)
        {
            return (null, $"CI token '{token.Name}' expired", ExpiredMessage(token.Name));
        }

        if (await directory.GetUserAsync(token.Owner, ct) is not { Disabled: false })
        {
            return (null, $"CI token '{token.Name}' belongs to '{token.Owner}', whose account is disabled or deleted", null);
        }

        usage.Record(token.Id);
        return (Caller.ForCiToken(token), null, null);
    }

    /// <summary>What a client that sent the secret of a revoked CI token is told.</summary>
    public static string RevokedMessage(string tokenName) => $"CI token '{tokenName}' has been revoked; create a new token";

    /// <summary>What a client that sent the secret of an expired CI token is told.</summary>
    public static string ExpiredMessage(string tokenName) => $"CI token '{tokenName}' has expired; create a new token";

    private async ValueTask<(Caller? Caller, string? Reason, string? Told)> VerifyPasswordAsync(string name, string password, DateTimeOffset now, CancellationToken ct)
    {
        UserRecord? user = await directory.GetUserAsync(name, ct);
        if (user is null)
        {
            // Same work as a real check, so response times do not tell which accounts exist.
            Passwords.Verify(Passwords.DummyHash, password);
            return (null, "unknown user", null);
        }

        PasswordVerificationResult result = Passwords.Verify(user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return (null, "wrong password", null);
        }

        if (user.Disabled)
        {
            return (null, "account disabled", null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await directory.Store.UpdateUserAsync(name, Passwords.Hash(password), null, now, ct);
        }

        return (Caller.ForUser(user.Name), null, null);
    }

    /// <summary>
    /// The name as the audit log may record it: a CI token secret sent as the user name (a common slip) keeps only
    /// its public id, so the secret never reaches the log.
    /// </summary>
    private static string Redact(string name)
        => !CiTokenSecret.LooksLikeSecret(name) ? name
            : CiTokenSecret.TryGetId(name, out string? id) ? $"{CiTokenSecret.Prefix}{id}_[redacted]" : $"{CiTokenSecret.Prefix}[redacted]";

    private string CacheKey(string name, string password)
        => Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(name + "\0" + password)));
}
