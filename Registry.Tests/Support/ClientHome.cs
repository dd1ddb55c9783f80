namespace Registry.Tests.Support;

/// <summary>
/// One user's home on one machine, as docker, podman, skopeo and buildah share it: docker keeps credentials in
/// <c>$HOME/.docker/config.json</c>, the containers tools in <c>$XDG_RUNTIME_DIR/containers/auth.json</c> and read
/// docker's file when theirs has no entry. Neither REGISTRY_AUTH_FILE nor DOCKER_CONFIG is set (with DOCKER_CONFIG set,
/// podman would write to docker's file), so the clients find each other's files the way they do on a workstation.
/// Everything lives in a temporary directory of the test.
/// </summary>
internal sealed class ClientHome
{
    private ClientHome(string root)
    {
        Root = root;
        Directory.CreateDirectory(Path.Combine(root, "home", ".docker"));
        Directory.CreateDirectory(Path.Combine(root, "home", ".config"));
        Directory.CreateDirectory(Path.Combine(root, "run"));
    }

    public string Root { get; }

    /// <summary>Where <c>docker login</c> stores credentials (and identity tokens).</summary>
    public string DockerConfigPath => Path.Combine(Root, "home", ".docker", "config.json");

    /// <summary>Where <c>podman login</c> stores credentials when REGISTRY_AUTH_FILE is not set.</summary>
    public string ContainersAuthPath => Path.Combine(Root, "run", "containers", "auth.json");

    /// <summary>The variables to run every client with (a null value removes the variable).</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = Path.Combine(Root, "home"),
        ["DOCKER_CONFIG"] = null,
        ["XDG_CONFIG_HOME"] = Path.Combine(Root, "home", ".config"),
        ["XDG_RUNTIME_DIR"] = Path.Combine(Root, "run"),
        ["REGISTRY_AUTH_FILE"] = null,
    };

    public static ClientHome Create(string directory) => new(directory);

    /// <summary>The file's text, or an empty string when the client wrote none.</summary>
    public static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
