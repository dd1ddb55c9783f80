using System.Text;

namespace Registry.Tests.Support;

/// <summary>
/// The real npm client with a configuration of its own: a <c>.npmrc</c> (<c>npm_config_userconfig</c>) and a cache
/// (<c>npm_config_cache</c>) in a scratch directory, no global configuration, no audit, fund or update checks.
/// </summary>
internal sealed class NpmCli
{
    private readonly string _home;

    public NpmCli(string home)
    {
        _home = home;
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(home, "cache"));
    }

    public string UserConfig => Path.Combine(_home, ".npmrc");

    /// <summary>Writes the <c>.npmrc</c>: the registry URL and, for its host and path, the token or Basic credentials.</summary>
    public void Configure(string registry, string? authToken = null, (string User, string Password)? basic = null)
    {
        string nerfed = registry[registry.IndexOf("//", StringComparison.Ordinal)..];
        var text = new StringBuilder().Append("registry=").AppendLine(registry);
        if (authToken is not null)
        {
            text.Append(nerfed).Append(":_authToken=").AppendLine(authToken);
        }

        if (basic is { } credentials)
        {
            text.Append(nerfed).Append(":_auth=").AppendLine(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
        }

        File.WriteAllText(UserConfig, text.ToString());
    }

    /// <summary>Writes a package folder: <c>package.json</c> (with the dependencies given) and an <c>index.js</c>.</summary>
    public static string WritePackage(string parent, string name, string version, params (string Name, string Range)[] dependencies)
    {
        string folder = Path.Combine(parent, name.Replace('/', '_'));
        Directory.CreateDirectory(folder);
        string deps = string.Join(",", dependencies.Select(d => $"\"{d.Name}\":\"{d.Range}\""));
        File.WriteAllText(Path.Combine(folder, "package.json"),
            $"{{\"name\":\"{name}\",\"version\":\"{version}\",\"main\":\"index.js\",\"license\":\"MIT\",\"dependencies\":{{{deps}}}}}");
        File.WriteAllText(Path.Combine(folder, "index.js"), $"module.exports = '{name}@{version}';\n");
        return folder;
    }

    public Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
        => ProcessRunner.RunAsync(ExternalTool.Require("npm", "npm"), arguments, new ProcessRunOptions
        {
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(3),
            Environment = new Dictionary<string, string?>
            {
                ["npm_config_userconfig"] = UserConfig,
                ["npm_config_globalconfig"] = Path.Combine(_home, "global-npmrc"),
                ["npm_config_cache"] = Path.Combine(_home, "cache"),
                ["npm_config_audit"] = "false",
                ["npm_config_fund"] = "false",
                ["npm_config_update_notifier"] = "false",
                ["npm_config_loglevel"] = "http",
            },
        });
}
