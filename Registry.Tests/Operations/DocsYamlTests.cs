using System.Text.RegularExpressions;
using Registry.Api.Operations;

namespace Registry.Tests.Operations;

/// <summary>
/// The YAML examples in docs/ are read with YamlDotNet: each must be valid YAML, and the Kubernetes manifest and the
/// Prometheus scrape configuration must agree with what the registry serves (paths, ports, settings, timeouts).
/// </summary>
public sealed partial class DocsYamlTests
{
    [Fact]
    public void EveryYamlExampleInTheDocs_IsValidYaml()
    {
        string[] documents = Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md");
        int blocks = 0;
        foreach (string file in documents)
        {
            foreach (string block in YamlBlocks(File.ReadAllText(file)))
            {
                blocks++;
                Exception? error = Record.Exception(() => YamlTree.ParseAll(block));
                Assert.True(error is null, $"{Path.GetFileName(file)}: {error?.Message}\n{block}");
            }
        }

        Assert.True(blocks >= 2, "docs/deploy.md and docs/operations.md have YAML examples");
    }

    [Fact]
    public void ScrapeConfigInOperationsDoc_ScrapesTheMetricsPath()
    {
        var config = (Dictionary<string, object?>)YamlTree.Parse(Assert.Single(YamlBlocks(RepositoryFiles.Read("docs/operations.md"))))!;
        var job = (Dictionary<string, object?>)Assert.Single((List<object?>)config["scrape_configs"]!)!;

        Assert.Equal("/metrics", job["metrics_path"]);
        var targets = (List<object?>)((Dictionary<string, object?>)Assert.Single((List<object?>)job["static_configs"]!)!)["targets"]!;
        Assert.All(targets, target => Assert.EndsWith(":5000", (string?)target, StringComparison.Ordinal));
    }

    [Fact]
    public void KubernetesDeployment_ProbesScrapesAndConfiguresTheRegistryItServes()
    {
        List<Dictionary<string, object?>> manifests = [.. YamlBlocks(RepositoryFiles.Read("docs/deploy.md"))
            .SelectMany(YamlTree.ParseAll)
            .OfType<Dictionary<string, object?>>()
            .Where(document => document.ContainsKey("apiVersion"))];
        Dictionary<string, object?> deployment = Assert.Single(manifests, m => (string?)m["kind"] == "Deployment");
        var template = Map(Map(deployment, "spec"), "template");
        var annotations = Map(Map(template, "metadata"), "annotations");
        var container = (Dictionary<string, object?>)Assert.Single(List(Map(template, "spec"), "containers"))!;
        var port = (Dictionary<string, object?>)Assert.Single(List(container, "ports"))!;

        Assert.Equal("5000", port["containerPort"]);
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        Assert.Equal(port["containerPort"], annotations["prometheus.io/port"]);

        Assert.Equal("/healthz", Map(Map(container, "startupProbe"), "httpGet")["path"]);
        Assert.Equal("/healthz", Map(Map(container, "livenessProbe"), "httpGet")["path"]);
        Dictionary<string, object?> readiness = Map(container, "readinessProbe");
        Assert.Equal("/readyz", Map(readiness, "httpGet")["path"]);
        Assert.True(
            int.Parse((string)readiness["timeoutSeconds"]!, System.Globalization.CultureInfo.InvariantCulture) > new OperationsOptions().ReadinessTimeout.TotalSeconds,
            "the probe's timeout is above the registry's own readiness timeout");

        string[] environment = [.. List(container, "env").Cast<Dictionary<string, object?>>().Select(variable => (string)variable["name"]!)];
        Assert.Subset(environment.ToHashSet(StringComparer.Ordinal), ComposeFileTests.RequiredRegistrySettings.ToHashSet(StringComparer.Ordinal));

        Dictionary<string, object?> service = Assert.Single(manifests, m => (string?)m["kind"] == "Service");
        var servicePort = (Dictionary<string, object?>)Assert.Single(List(Map(service, "spec"), "ports"))!;
        Assert.Equal(port["name"], servicePort["targetPort"]);
        Assert.Equal(
            Map(Map(Map(deployment, "spec"), "selector"), "matchLabels").OrderBy(p => p.Key),
            Map(Map(service, "spec"), "selector").OrderBy(p => p.Key));
    }

    private static IEnumerable<string> YamlBlocks(string markdown)
        => YamlFence().Matches(markdown).Select(match => match.Groups["body"].Value);

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key)
    {
        Assert.True(parent.TryGetValue(key, out object? value) && value is Dictionary<string, object?>, $"'{key}' is a mapping");
        return (Dictionary<string, object?>)value!;
    }

    private static List<object?> List(Dictionary<string, object?> parent, string key)
    {
        Assert.True(parent.TryGetValue(key, out object? value) && value is List<object?>, $"'{key}' is a sequence");
        return (List<object?>)value!;
    }

    [GeneratedRegex(@"^```yaml\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlFence();
}
