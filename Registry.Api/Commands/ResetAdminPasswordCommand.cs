using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Core.Access;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll reset-admin-password [--user NAME]</c>: sets the password of the admin account (or
/// <c>NAME</c>) to the first line of standard input, or else to <c>Registry:Auth:AdminPassword</c>. A deleted account
/// is created again with the global admin role; nothing else (roles, CI tokens, the disabled flag) changes. Goes through
/// <see cref="AccessAdministration.ResetPasswordAsync"/> as the system actor <see cref="Actor"/>, which the audit log names. Exits 0, 1 when the password is refused or the store fails, 2 on bad usage.
/// </summary>
internal static class ResetAdminPasswordCommand
{
    /// <summary>Who the audit log names for the reset: the command line's actor.</summary>
    public const string Actor = CommandHost.CliActor;

    public static Command Create()
    {
        var user = new Option<string>("--user")
        {
            Description = "The account to reset.",
            HelpName = "name",
            DefaultValueFactory = _ => AdminBootstrap.AdminName,
        };
        var command = new Command(
            "reset-admin-password",
            "Set the admin account's password to the first line of standard input (or Registry__Auth__AdminPassword); recreate the account as global admin if it was deleted.")
        {
            user,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            string name = parse.GetValue(user) ?? AdminBootstrap.AdminName;
            TextWriter error = parse.InvocationConfiguration.Error;
            if (!AccountNames.IsValid(name))
            {
                await error.WriteLineAsync($"reset-admin-password: '{name}' is not a valid user name: {AccountNames.Rule}");
                return 2;
            }

            try
            {
                await using WebApplication app = await CommandHost.BuildMigratedAsync(parse.UnmatchedTokens);
                string? password = await ReadPasswordAsync(app.Services.GetRequiredService<IOptions<Auth.AuthSettings>>().Value.AdminPassword, ct);
                return await ResetAsync(app.Services, name, password, parse.InvocationConfiguration, ct);
            }
            catch (Exception e) when (e is DbException or OptionsValidationException or IOException)
            {
                await error.WriteLineAsync($"reset-admin-password: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The first line of redirected standard input when it has one; else the configured admin password.</summary>
    private static async Task<string?> ReadPasswordAsync(string? configured, CancellationToken ct)
    {
        if (System.Console.IsInputRedirected && await System.Console.In.ReadLineAsync(ct) is { Length: > 0 } line)
        {
            return line.TrimEnd('\r');
        }

        return string.IsNullOrEmpty(configured) ? null : configured;
    }

    private static async Task<int> ResetAsync(IServiceProvider services, string name, string? password, InvocationConfiguration console, CancellationToken ct)
    {
        if (password is null)
        {
            await console.Error.WriteLineAsync("reset-admin-password: no password given: pipe it on standard input (first line) or set Registry__Auth__AdminPassword.");
            return 1;
        }

        // The change goes through the application layer as the system actor: its audit entries (user.password, or
        // user.create and role.grant) commit in the same transaction as the password, with no host started.
        (AccessChangeResult result, bool created) = await services.GetRequiredService<AccessAdministration>()
            .ResetPasswordAsync(Core.Changes.Actor.System(Actor), name, password, "reset-admin-password", ct);
        if (!result.Succeeded)
        {
            await console.Error.WriteLineAsync($"reset-admin-password: refused: {result.Message}.");
            return 1;
        }

        await console.Output.WriteLineAsync(created
            ? $"The account '{name}' did not exist: created it with the global admin role and the new password."
            : $"Set a new password for '{name}'.");
        return 0;
    }
}
