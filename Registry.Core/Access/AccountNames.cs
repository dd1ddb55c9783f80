using System.Text.RegularExpressions;
namespace Registry.Core.Access;

/// <summary>
/// Names of users and CI tokens: 1 to 64 lowercase letters, digits, '.', '_' or '-', starting and ending with a
/// letter or digit. <c>anonymous</c> is reserved, and names may not start with <c>token</c> followed by ':'.
/// </summary>
public static partial class AccountNames
{
    public static bool IsValid(string? name)
        => name is not null && NamePattern().IsMatch(name) && name != Permissions.AnonymousSubject;

    public const string Rule = "1-64 lowercase letters, digits, '.', '_' or '-', starting and ending with a letter or digit; 'anonymous' is reserved";

    /// <summary>Shortest password a user may set.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>What a CI token secret starts with; a password may not, or Basic credentials with it would be checked as a token.</summary>
    public const string CiTokenSecretPrefix = "rgt_";

    /// <summary>Too short, or starting like a CI token secret (Basic credentials with such a password are checked as a CI token, so it could never sign in).</summary>
    public static string? PasswordProblem(string? password)
        => password is null || password.Length < PasswordMinLength ? $"the password must have at least {PasswordMinLength} characters"
            : password.StartsWith(CiTokenSecretPrefix, StringComparison.Ordinal) ? $"a password may not start with '{CiTokenSecretPrefix}', which marks CI token secrets"
            : null;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
