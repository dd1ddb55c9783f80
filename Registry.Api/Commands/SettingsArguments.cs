namespace Registry.Api.Commands;

/// <summary>
/// The arguments the command line leaves to the configuration, as for the server: <c>--Key=value</c>,
/// <c>--Key value</c>, <c>/Key=value</c> or <c>Key=value</c> (e.g. <c>--urls http://+:5000</c>,
/// <c>--Registry:Storage:Path=/data</c>). Anything else (a stray word, a flag without value) is a usage error.
/// </summary>
internal static class SettingsArguments
{
    /// <summary>Null when every token is a setting; else what is wrong with the first that is not.</summary>
    public static string? Problem(IReadOnlyList<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            bool flag = token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/');
            if (token.Contains('=', StringComparison.Ordinal) && (flag || !token.StartsWith('-')))
            {
                continue;
            }

            if (flag && token.TrimStart('-', '/').Length > 0 && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
            {
                i++;
                continue;
            }

            return flag
                ? $"Unrecognized option or setting without a value: '{token}'."
                : $"Unrecognized command or argument: '{token}'.";
        }

        return null;
    }
}
