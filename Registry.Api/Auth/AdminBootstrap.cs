using Microsoft.Extensions.Options;
using Registry.Core.Access;
using Registry.Core.Changes;

namespace Registry.Api.Auth;

/// <summary>
/// At start-up: makes sure a token signing key exists, and that someone can administer the registry. When no user
/// holds the admin role globally (the first start, or every admin was removed), the <c>admin</c> account is created
/// (or re-granted) with the password from <c>Registry:Auth:AdminPassword</c>, or a generated one printed once, through
/// <see cref="AccessAdministration.BootstrapAdminAsync"/> as the system actor <c>system:bootstrap</c> (audited like any other
/// account change).
/// </summary>
internal sealed partial class AdminBootstrap(
    AccessAdministration access,
    SigningKeyRing keys,
    AccessDirectory directory,
    IOptions<AuthSettings> options,
    ILogger<AdminBootstrap> logger)
{
    public const string AdminName = "admin";

    /// <summary>The system actor the audit log names for the account and grant made here.</summary>
    public const string ActorName = "system:bootstrap";

    public async Task RunAsync(TextWriter console, CancellationToken ct)
    {
        await keys.InitializeAsync(ct);

        // From here on the directory knows the store's access version, so the watcher's first look changes nothing.
        await directory.InvalidateAsync(ct);
        string? configured = options.Value.AdminPassword;
        string password = string.IsNullOrEmpty(configured) ? Passwords.Generate() : configured;
        (AccessChangeResult result, AdminBootstrapOutcome outcome) = await access.BootstrapAdminAsync(Actor.System(ActorName), AdminName, password, "bootstrap", ct);
        if (result.Status == AccessChangeStatus.InvalidPassword)
        {
            throw new InvalidOperationException($"Registry:Auth:AdminPassword must not start with '{CiTokenSecret.Prefix}', which marks CI token secrets.");
        }

        if (result.Status != AccessChangeStatus.Done)
        {
            throw new InvalidOperationException($"Bootstrapping the admin account failed: {result.Message}");
        }

        switch (outcome)
        {
            case AdminBootstrapOutcome.NotNeeded:
                return;
            case AdminBootstrapOutcome.Regranted:
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
