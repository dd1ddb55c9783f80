namespace Registry.Tests.Support;

/// <summary>
/// Private containers/image configuration (signature policy, registries.conf) so that podman and skopeo do not
/// depend on what /etc/containers holds on the machine.
/// </summary>
internal sealed class ContainersConfiguration
{
    private ContainersConfiguration(string policyPath, string registriesConfPath)
    {
        PolicyPath = policyPath;
        RegistriesConfPath = registriesConfPath;
    }

    public string PolicyPath { get; }

    public string RegistriesConfPath { get; }

    public static async Task<ContainersConfiguration> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var policy = Path.Combine(directory, "policy.json");
        await File.WriteAllTextAsync(policy, """{ "default": [ { "type": "insecureAcceptAnything" } ] }""", cancellationToken);
        var registries = Path.Combine(directory, "registries.conf");
        await File.WriteAllTextAsync(registries, "unqualified-search-registries = []\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "auth.json"), """{ "auths": {} }""", cancellationToken);
        return new ContainersConfiguration(policy, registries);
    }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["CONTAINERS_REGISTRIES_CONF"] = RegistriesConfPath,
        ["REGISTRY_AUTH_FILE"] = Path.Combine(Path.GetDirectoryName(PolicyPath)!, "auth.json"),
    };
}
