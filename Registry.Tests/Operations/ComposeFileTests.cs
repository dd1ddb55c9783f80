using System.Diagnostics;

namespace Registry.Tests.Operations;

/// <summary>
/// compose/compose.yaml, checked without a container engine: the services of the production shape, the settings
/// each registry node needs, health checks, and a load balancer that knows every node.
/// </summary>
public sealed class ComposeFileTests
{
    internal static readonly string[] RequiredRegistrySettings =
    [
        "Registry__Metadata__Provider",
        "Registry__Metadata__ConnectionString",
        "Registry__Storage__Provider",
        "Registry__Storage__S3__ServiceUrl",
        "Registry__Storage__S3__Bucket",
        "Registry__Storage__S3__ForcePathStyle",
        "Registry__Storage__S3__AccessKey",
        "Registry__Storage__S3__SecretKey",
    ];

    private readonly Dictionary<string, object?> _services;

    public ComposeFileTests()
    {
        var root = (Dictionary<string, object?>)YamlTree.Parse(RepositoryFiles.Read("compose/compose.yaml"))!;
        _services = (Dictionary<string, object?>)root["services"]!;
    }

    private IEnumerable<string> RegistryNodes => _services.Keys.Where(name => name.StartsWith("registry-", StringComparison.Ordinal));

    [Fact]
    public void Compose_HasTwoRegistryNodesPostgres15MinioABucketJobAndALoadBalancer()
    {
        Assert.True(RegistryNodes.Count() >= 2, "at least two registry nodes");
        Assert.StartsWith("postgres:15", Image("postgres"), StringComparison.Ordinal);
        Assert.StartsWith("minio/minio", Image("minio"), StringComparison.Ordinal);
        Assert.StartsWith("minio/mc", Image("minio-init"), StringComparison.Ordinal);
        Assert.StartsWith("haproxy", Image("lb"), StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryNodes_HaveEveryPostgresAndS3Setting()
    {
        foreach (string node in RegistryNodes)
        {
            Dictionary<string, object?> environment = Environment(node);
            Assert.All(RequiredRegistrySettings, key => Assert.False(string.IsNullOrWhiteSpace(environment.GetValueOrDefault(key) as string), $"{node}: {key}"));
            Assert.Equal("postgres", environment["Registry__Metadata__Provider"]);
            Assert.Contains("Host=postgres;", (string)environment["Registry__Metadata__ConnectionString"]!, StringComparison.Ordinal);
            Assert.Equal("s3", environment["Registry__Storage__Provider"]);
            Assert.Equal("http://minio:9000", environment["Registry__Storage__S3__ServiceUrl"]);
            Assert.Equal("true", environment["Registry__Storage__S3__ForcePathStyle"]);
            Assert.Equal("5000", environment["ASPNETCORE_HTTP_PORTS"]);
        }
    }

    [Fact]
    public void RegistryNodes_AreConfiguredAlike()
    {
        string[] nodes = [.. RegistryNodes];
        Dictionary<string, object?> first = Environment(nodes[0]);
        foreach (string node in nodes.Skip(1))
        {
            Assert.Equal(first.OrderBy(p => p.Key), Environment(node).OrderBy(p => p.Key));
            Assert.Equal(Image(nodes[0]), Image(node));
        }
    }

    [Fact]
    public void RegistryNodes_WaitForHealthyPostgresAndTheBucket()
    {
        foreach (string node in RegistryNodes)
        {
            var dependsOn = (Dictionary<string, object?>)Service(node)["depends_on"]!;
            Assert.Equal("service_healthy", Condition(dependsOn, "postgres"));
            Assert.Equal("service_completed_successfully", Condition(dependsOn, "minio-init"));
        }
    }

    [Fact]
    public void EveryLongRunningService_HasAHealthCheck()
    {
        foreach (string name in RegistryNodes.Concat(["postgres", "minio", "lb"]))
        {
            var healthcheck = Service(name).GetValueOrDefault("healthcheck") as Dictionary<string, object?>;
            Assert.True(healthcheck is not null, $"{name} has no healthcheck");
            var test = Assert.IsType<List<object?>>(healthcheck["test"]);
            Assert.True(test.Count >= 2 && (string?)test[0] is "CMD" or "CMD-SHELL", $"{name}: healthcheck test");
        }

        foreach (string node in RegistryNodes)
        {
            var test = (List<object?>)((Dictionary<string, object?>)Service(node)["healthcheck"]!)["test"]!;
            Assert.Contains("--healthcheck", test);
        }
    }

    [Fact]
    public void BucketJob_CreatesTheBucketTheNodesUse()
    {
        Dictionary<string, object?> init = Service("minio-init");
        string bucket = (string)Environment(RegistryNodes.First())["Registry__Storage__S3__Bucket"]!;
        var initEnvironment = (Dictionary<string, object?>)init["environment"]!;
        string script = string.Join(' ', ((List<object?>)init["command"]!).Cast<string>());

        Assert.Equal(bucket, initEnvironment["REGISTRY_S3_BUCKET"]);
        Assert.Contains("mc mb --ignore-existing \"local/$$REGISTRY_S3_BUCKET\"", script, StringComparison.Ordinal);
        Assert.Equal("service_healthy", Condition((Dictionary<string, object?>)init["depends_on"]!, "minio"));
    }

    [Fact]
    public void LoadBalancer_ChecksReadinessOfEveryNodeAndIsTheOnlyPublishedRegistryPort()
    {
        Dictionary<string, object?> lb = Service("lb");
        string mount = Assert.Single(((List<object?>)lb["volumes"]!).Cast<string>());
        string configFile = mount.Split(':')[0];
        string config = File.ReadAllText(Path.Combine(RepositoryFiles.PathOf("compose"), configFile));

        foreach (string node in RegistryNodes)
        {
            Assert.Contains($"server {node} {node}:5000 check", config, StringComparison.Ordinal);
            Assert.False(Service(node).ContainsKey("ports"), $"{node} should be reached through the load balancer");
        }

        Assert.Contains("option httpchk GET /readyz", config, StringComparison.Ordinal);
        Assert.Contains("5000:5000", ((List<object?>)lb["ports"]!).Cast<string>());
    }

    [Fact]
    public void ComposeFile_HasNoTopLevelNameWhichDockerCompose129Rejects()
    {
        var root = (Dictionary<string, object?>)YamlTree.Parse(RepositoryFiles.Read("compose/compose.yaml"))!;
        Assert.False(root.ContainsKey("name"), "compose.yaml must not have a top-level 'name:' (docker-compose 1.29 rejects it; use -p)");
    }

    [Fact]
    public void ComposeFile_IsAcceptedAsWrittenByDockerCompose129Config()
    {
        // docker-compose (v1.29, Debian's package, installed by .ci/install-tools) needs no engine for 'config'. The
        // file itself is checked, not a copy: v1.29 and Compose v2 must both accept it.
        string tool = FindOnPath("docker-compose")
            ?? throw new InvalidOperationException("docker-compose is not installed: apt-get install docker-compose (or run .ci/install-tools as root).");

        var start = new ProcessStartInfo(tool, ["-p", "registry", "-f", RepositoryFiles.PathOf("compose/compose.yaml"), "config", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "docker-compose config timed out");
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void YamlTree_RejectsDuplicateKeysAndReadsQuotedFlowAndBlockScalars()
    {
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlTree.Parse("a: 1\na: 2\n"));
        var root = (Dictionary<string, object?>)YamlTree.Parse("""
            # comment
            top:
              plain: value # trailing comment
              quoted: "a: b # not a comment"
              single: 'it''s'
              flow: ["CMD", "x y", z]
              empty:
              list:
                - one
                - key: v
                  other: w
              folded: >-
                first
                second
            """)!;
        var top = (Dictionary<string, object?>)root["top"]!;

        Assert.Equal("value", top["plain"]);
        Assert.Equal("a: b # not a comment", top["quoted"]);
        Assert.Equal("it's", top["single"]);
        Assert.Equal(["CMD", "x y", "z"], (List<object?>)top["flow"]!);
        Assert.Null(top["empty"]);
        var list = (List<object?>)top["list"]!;
        Assert.Equal("one", list[0]);
        Assert.Equal("w", ((Dictionary<string, object?>)list[1]!)["other"]);
        Assert.Equal("first second", top["folded"]);
    }

    private Dictionary<string, object?> Service(string name)
    {
        Assert.True(_services.ContainsKey(name), $"compose.yaml has no service '{name}'");
        return (Dictionary<string, object?>)_services[name]!;
    }

    private string Image(string service) => (string)Service(service)["image"]!;

    private Dictionary<string, object?> Environment(string service)
        => (Dictionary<string, object?>)Service(service)["environment"]!;

    private static string? Condition(Dictionary<string, object?> dependsOn, string service)
        => (dependsOn.GetValueOrDefault(service) as Dictionary<string, object?>)?.GetValueOrDefault("condition") as string;

    private static string? FindOnPath(string tool)
        => (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
