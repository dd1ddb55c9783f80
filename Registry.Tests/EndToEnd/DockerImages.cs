using System.Text.RegularExpressions;
using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>Docker steps the end-to-end tests share: build, push, extract.</summary>
internal static partial class DockerImages
{
    /// <summary>Builds the context with the classic builder and tags it.</summary>
    public static Task BuildAsync(DockerDaemon docker, DockerBuildContext context, string tag) =>
        docker.Docker("build", "--tag", tag, "--file", Path.Combine(context.Directory, "Dockerfile"), context.Directory);

    /// <summary>Pushes and returns the push output and the manifest digest docker reports.</summary>
    public static async Task<(string Output, string Digest)> PushAsync(DockerDaemon docker, string reference)
    {
        var result = await docker.Docker("push", reference);
        var match = PushDigest().Match(result.StandardOutput);
        Assert.True(match.Success, $"docker push printed no digest.\n{result.Describe()}");
        return (result.StandardOutput, match.Groups["digest"].Value);
    }

    /// <summary>Creates a container from the image (without running it) and copies /data out of it.</summary>
    public static Task<string> ExtractDataAsync(DockerDaemon docker, string reference, string targetDirectory) =>
        ExtractAsync(docker, reference, targetDirectory, "/data");

    /// <summary>
    /// Creates a container from the image (without running it) and copies each folder out of it into
    /// <paramref name="targetDirectory"/>, keeping its name (/etc lands in TARGET/etc).
    /// </summary>
    public static async Task<string> ExtractAsync(DockerDaemon docker, string reference, string targetDirectory, params string[] folders)
    {
        var created = await docker.Docker("create", reference, "/not-run");
        var container = created.StandardOutput.Trim();
        try
        {
            Directory.CreateDirectory(targetDirectory);
            foreach (var folder in folders)
            {
                await docker.Docker("cp", $"{container}:{folder}", targetDirectory);
            }

            return targetDirectory;
        }
        finally
        {
            await docker.Docker("rm", container);
        }
    }

    public static async Task<bool> ExistsLocallyAsync(DockerDaemon docker, string reference)
    {
        var result = await docker.DockerUncheckedAsync(["image", "inspect", reference], CancellationToken.None);
        return result.Succeeded;
    }

    [GeneratedRegex(@"digest: (?<digest>sha256:[0-9a-f]{64}) size: \d+")]
    private static partial Regex PushDigest();
}
