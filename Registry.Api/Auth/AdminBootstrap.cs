using Microsoft.Extensions.Options;
using Registry.Core.Access;

namespace Registry.Api.Auth;

/// <summary>
/// At start-up: makes sure a token signing key exists, and that someone can administer the registry. When no user
/// holds the admin role globally (the first start, or every admin was removed), the <c>admin</c> account is created
/// (or re-granted) with the password from <c>Registry:Auth:AdminPassword</c>, or a generated one printed once.
/// </summary>
internal sealed partial class AdminBootstrap(
    IAccessStore store,
    SigningKeyRing keys,
    AccessDirectory directory,
    IOptions<AuthSettings> options,
    TimeProvider time,
    ILogger<AdminBootstrap> logger)
{
    public const string AdminName = "admin";

    public async Task RunAsync(TextWriter console, CancellationToken ct)
    {
        await keys.InitializeAsync(ct);

        // From here on the directory knows the store's access version, so the watcher's first look changes nothing.
        await directory.InvalidateAsync(ct);
        IReadOnlyList<RoleGrant> grants = await store.ListGrantsAsync(null, ct);
        if (grants.Any(g => g.Scope.Kind == ScopeKind.Global && g.Role == Role.Admin))
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        string? configured = options.Value.AdminPassword;
        if (configured is not null && CiTokenSecret.LooksLikeSecret(configured))
        {
            throw new InvalidOperationException($"Registry:Auth:AdminPassword must not start with '{CiTokenSecret.Prefix}', which marks CI token secrets.");
        }

        string password = string.IsNullOrEmpty(configured) ? Passwords.Generate() : configured;
        bool created = await store.CreateUserAsync(new UserRecord(AdminName, Passwords.Hash(password), false, now, now), ct);
        await store.SetGrantAsync(new RoleGrant(AdminName, AccessScope.Global, Role.Admin, now, "bootstrap"), ct);
        await directory.InvalidateAsync(ct);
        if (!created)
        {
            LogAdminRegranted(logger);
            return;
        }

        if (string.IsNullOrEmpty(configured))
        {
            // Printed, not logged: the password must not end up in log aggregation, and it is shown this once.
            await console.WriteLineAsync($"""

                ==========================================================================
                 Registry created the account 'admin' with this generated password:

                     {password}

                 It is shown only now. Sign in with:  docker login <host:port> -u admin
                 Set Registry__Auth__AdminPassword before the first start to choose it.
                ==========================================================================

                """);
            await console.FlushAsync(ct);
        }

        LogAdminCreated(logger, string.IsNullOrEmpty(configured) ? "generated and printed on standard output" : "from Registry:Auth:AdminPassword");
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Created the 'admin' account; its password was {Source}")]
    private static partial void LogAdminCreated(ILogger logger, string source);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "No user held the global admin role: granted it to the existing 'admin' account")]
    private static partial void LogAdminRegranted(ILogger logger);
}
