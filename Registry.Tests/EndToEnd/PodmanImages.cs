using Registry.Tests.Support;

namespace Registry.Tests.EndToEnd;

/// <summary>Podman steps the end-to-end tests share.</summary>
internal static class PodmanImages
{
    public static Task<ProcessResult> PullAsync(PodmanClient podman, string reference, params string[] options) =>
        podman.Podman(["pull", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, .. options, reference]);

    /// <summary>Pushes and returns the manifest digest podman wrote with --digestfile.</summary>
    public static async Task<string> PushAsync(PodmanClient podman, string reference, string digestFile)
    {
        await podman.Podman("push", "--tls-verify=false", "--signature-policy", podman.SignaturePolicy, "--digestfile", digestFile, reference);
        return (await File.ReadAllTextAsync(digestFile)).Trim();
    }

    /// <summary>Mounts the image's root file system (vfs, as root), checks it, then unmounts it.</summary>
    public static async Task AssertFilesAsync(PodmanClient podman, string reference, IReadOnlyDictionary<string, byte[]> expected)
    {
        var root = (await podman.Podman("image", "mount", reference)).StandardOutput.Trim();
        try
        {
            FileTreeAssert.ContainsExactly(expected, root);
        }
        finally
        {
            await podman.Podman("image", "unmount", reference);
        }
    }

    public static async Task RemoveAllAsync(PodmanClient podman)
    {
        await podman.Podman("rmi", "--all", "--force");
        var left = (await podman.Podman("images", "--quiet")).StandardOutput.Trim();
        Assert.True(left.Length == 0, $"podman still has images after rmi --all: {left}");
    }
}
