using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Registry.Core.Primitives;

namespace Registry.PostgresScale;

/// <summary>The data set: one repository with many tags (all on one manifest) and many small repositories, loaded with COPY.</summary>
internal sealed class ScaleData
{
    public const string TaggedRepository = "bench/app";

    private ScaleData(long repositoryId, string[] sortedTags, int repositories)
    {
        RepositoryId = repositoryId;
        SortedTags = sortedTags;
        Repositories = repositories;
    }

    public long RepositoryId { get; }

    /// <summary>Every tag of <see cref="TaggedRepository"/> in ordinal order.</summary>
    public string[] SortedTags { get; }

    /// <summary>How many repositories there are in all, the tagged one included.</summary>
    public int Repositories { get; }

    public static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<string>("SHOW server_version") ?? "?";
    }

    public static async Task<ScaleData> LoadAsync(string connectionString, int tags, int repositories)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        string manifest = Digest.Compute(DigestAlgorithm.Sha256, "manifest"u8).Value;

        long repositoryId = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO repositories (name, created_at) VALUES (@Name, @Now) RETURNING id", new { Name = TaggedRepository, Now = now });
        await connection.ExecuteAsync("INSERT INTO blobs (digest, size, created_at) VALUES (@Digest, 1000, @Now)", new { Digest = manifest, Now = now });
        await connection.ExecuteAsync(
            "INSERT INTO manifests (repository_id, digest, media_type, size, created_at) VALUES (@Id, @Digest, 'application/vnd.oci.image.manifest.v1+json', 1000, @Now)",
            new { Id = repositoryId, Digest = manifest, Now = now });

        // Repository names spread over teams, in an order unlike their sorted one.
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync("COPY repositories (name, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < repositories - 1; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync($"team{i * 7919 % 97:D2}/service-{i:D5}", NpgsqlDbType.Text);
                await copy.WriteAsync(now, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        // Version-like tags whose ordinal order is not their numeric one (v1.10.0 sorts before v1.2.0), some upper-case.
        // One COPY is one transaction: the catalog feed's triggers record all of its tags at commit, as one batch.
        var names = new string[tags];
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync("COPY tags (repository_id, name, manifest_digest, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < tags; i++)
            {
                names[i] = i % 10 == 9 ? $"RC-{i / 1000}.{i % 1000}" : $"v1.{i / 1000}.{i % 1000}";
                await copy.StartRowAsync();
                await copy.WriteAsync(repositoryId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(names[i], NpgsqlDbType.Text);
                await copy.WriteAsync(manifest, NpgsqlDbType.Text);
                await copy.WriteAsync(now, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await connection.ExecuteAsync("VACUUM (ANALYZE) repositories, tags, catalog_changes");
        Array.Sort(names, StringComparer.Ordinal);
        Console.WriteLine($"loaded {tags:N0} tags in '{TaggedRepository}' and {repositories:N0} repositories in {clock.Elapsed.TotalSeconds:F1} s (COPY, catalog feed included, then VACUUM ANALYZE)");
        return new ScaleData(repositoryId, names, repositories);
    }
}
