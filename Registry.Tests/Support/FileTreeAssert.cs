namespace Registry.Tests.Support;

/// <summary>Checks that files extracted from an image have exactly the expected content.</summary>
internal static class FileTreeAssert
{
    /// <param name="expected">Path relative to <paramref name="root"/> (forward slashes) to expected content.</param>
    public static void ContainsExactly(IReadOnlyDictionary<string, byte[]> expected, string root)
    {
        Assert.True(Directory.Exists(root), $"{root} does not exist.");
        foreach (var (path, content) in expected)
        {
            var file = Path.Combine(root, path);
            Assert.True(File.Exists(file), $"{path} is missing under {root}.");
            var actual = File.ReadAllBytes(file);
            Assert.True(
                content.AsSpan().SequenceEqual(actual),
                $"{path} has {actual.Length} bytes ({Digests.Sha256(actual)}), expected {content.Length} bytes ({Digests.Sha256(content)}).");
        }
    }
}
