using System.Text.RegularExpressions;
using Registry.Core.Access;

namespace Registry.Api.Management;

/// <summary>
/// Names of users and CI tokens: 1 to 64 lowercase letters, digits, '.', '_' or '-', starting and ending with a
/// letter or digit. <c>anonymous</c> is reserved, and names may not start with <c>token</c> followed by ':'.
/// </summary>
internal static partial class AccountNames
{
    public static bool IsValid(string? name)
        => name is not null && NamePattern().IsMatch(name) && name != Permissions.AnonymousSubject;

    public const string Rule = "1-64 lowercase letters, digits, '.', '_' or '-', starting and ending with a letter or digit; 'anonymous' is reserved";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
