using System.Text;

namespace Registry.Tests.Support;

/// <summary>
/// A docker build context for a FROM-scratch image with one COPY (so one layer) per generated folder; the files
/// are pseudo-random so that each test's layers are its own.
/// </summary>
internal sealed record DockerBuildContext(string Directory, IReadOnlyDictionary<string, byte[]> Files, int LayerCount)
{
    public static async Task<DockerBuildContext> WriteAsync(string directory, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var layers = new (string Folder, string Name, byte[] Content)[]
        {
            ("layer1", "random.bin", RandomBytes(random, 256 * 1024)),
            ("layer2", "random.bin", RandomBytes(random, 640 * 1024)),
            ("layer3", "notes.txt", Encoding.UTF8.GetBytes($"end-to-end test image, seed {seed}\n")),
            ("layer4", "nested/deeper/data.bin", RandomBytes(random, 48 * 1024)),
        };

        var dockerfile = new StringBuilder("FROM scratch\n");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (folder, name, content) in layers)
        {
            var path = Path.Combine(directory, folder, name);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, content, cancellationToken);
            dockerfile.Append("COPY ").Append(folder).Append("/ /data/").Append(folder).Append("/\n");
            files[$"data/{folder}/{name}"] = content;
        }

        dockerfile.Append("LABEL org.example.e2e.seed=\"").Append(seed).Append("\"\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "Dockerfile"), dockerfile.ToString(), cancellationToken);
        return new DockerBuildContext(directory, files, layers.Length);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
