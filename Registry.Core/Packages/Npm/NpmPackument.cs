using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// Writes a package's packument as the npm client reads it (<c>name</c>, <c>dist-tags</c>, <c>versions</c> with each
/// version's <c>dist.tarball</c> pointing at the repository that serves it, <c>time</c>, <c>_rev</c>), or its
/// abbreviated form (<c>application/vnd.npm.install-v1+json</c>); and reads an upstream registry's packument.
/// </summary>
public static class NpmPackument
{
    public const string AbbreviatedMediaType = "application/vnd.npm.install-v1+json";

    /// <summary>The fields of a version that the abbreviated packument keeps (npm's registry's list).</summary>
    private static readonly string[] AbbreviatedFields =
    [
        "name", "version", "deprecated", "dependencies", "optionalDependencies", "devDependencies", "bundleDependencies",
        "bundledDependencies", "peerDependencies", "peerDependenciesMeta", "acceptDependencies", "bin", "directories", "dist",
        "engines", "cpu", "os", "libc", "funding", "license", "_hasShrinkwrap", "hasInstallScript",
    ];

    /// <summary>
    /// The packument; <paramref name="tarballBase"/> is the repository's npm URL ending with <c>/</c>
    /// (<c>http://host/artifactory/api/npm/{key}/</c>), under which every tarball is served.
    /// </summary>
    public static JsonObject Render(NpmPackage package, string tarballBase, bool abbreviated)
    {
        ArgumentNullException.ThrowIfNull(package);
        var tags = new JsonObject();
        foreach ((string tag, string version) in package.DistTags)
        {
            if (package.Versions.ContainsKey(version))
            {
                tags[tag] = version;
            }
        }

        if (!tags.ContainsKey(NpmDistTags.Latest) && package.Highest() is { } highest)
        {
            tags[NpmDistTags.Latest] = highest;
        }

        var versions = new JsonObject();
        var time = new JsonObject();
        DateTimeOffset? created = null, modified = null;
        foreach (NpmVersionEntry entry in Ordered(package))
        {
            versions[entry.Version] = Version(package.Name, entry, tarballBase, abbreviated);
            if (entry.Published is { } published)
            {
                time[entry.Version] = Date(published);
                created = created is null || published < created ? published : created;
                modified = modified is null || published > modified ? published : modified;
            }
        }

        var document = new JsonObject();
        if (abbreviated)
        {
            document["name"] = package.Name.Full;
            if (modified is { } lastModified)
            {
                document["modified"] = Date(lastModified);
            }

            document["dist-tags"] = tags;
            document["versions"] = versions;
            return document;
        }

        if (created is { } first && modified is { } last)
        {
            time["created"] = Date(first);
            time["modified"] = Date(last);
        }

        document["_id"] = package.Name.Full;
        document["_rev"] = Revision(package);
        document["name"] = package.Name.Full;
        document["dist-tags"] = tags;
        document["versions"] = versions;
        document["time"] = time;
        return document;
    }

    /// <summary>
    /// A revision that changes whenever the versions, their deprecations or the dist-tags do (the client sends it back on
    /// unpublish; it is not checked, a write always applies to what is stored).
    /// </summary>
    public static string Revision(NpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var text = new StringBuilder();
        foreach (NpmVersionEntry entry in Ordered(package))
        {
            text.Append(entry.Version).Append('\n').Append(entry.Deprecated).Append('\n');
        }

        foreach ((string tag, string version) in package.DistTags)
        {
            text.Append(tag).Append('=').Append(version).Append('\n');
        }

        return $"{package.Versions.Count + 1}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32]}";
    }

    /// <summary>
    /// Reads an upstream's packument (a remote's cache of it): each version's manifest, publish time, deprecation and
    /// tarball URL (resolved against <paramref name="upstream"/> when relative). Versions that are not semver or whose
    /// name differs are skipped.
    /// </summary>
    public static NpmPackage? ParseUpstream(NpmPackageName name, ReadOnlyMemory<byte> json, Uri upstream, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json.Span);
        }
        catch (JsonException e)
        {
            error = $"the upstream's packument of '{name}' is not JSON: {e.Message}";
            return null;
        }

        if (root is not JsonObject document || document["versions"] is not JsonObject versions)
        {
            error = $"the upstream's packument of '{name}' has no 'versions' object";
            return null;
        }

        var package = new NpmPackage(name);
        JsonObject? times = document["time"] as JsonObject;
        foreach ((string version, JsonNode? node) in versions)
        {
            if (node is not JsonObject manifest || !NpmVersion.IsValid(version)
                || manifest["dist"] is not JsonObject dist || StringOf(dist["tarball"]) is not { } tarball
                || !Uri.TryCreate(upstream, tarball, out Uri? tarballUri) || tarballUri.Scheme is not ("http" or "https"))
            {
                continue;
            }

            DateTimeOffset? published = StringOf(times?[version]) is { } stamp
                && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) ? parsed : null;
            string? deprecated = StringOf(manifest["deprecated"]) is { Length: > 0 } message ? message : null;
            package.Versions[version] = new NpmVersionEntry(version, manifest, published, deprecated, tarballUri);
        }

        if (document["dist-tags"] is JsonObject tags)
        {
            foreach ((string tag, JsonNode? value) in tags)
            {
                if (StringOf(value) is { } target)
                {
                    package.DistTags[tag] = target;
                }
            }
        }

        error = null;
        return package;
    }

    private static JsonObject Version(NpmPackageName name, NpmVersionEntry entry, string tarballBase, bool abbreviated)
    {
        var manifest = (JsonObject)entry.Manifest.DeepClone();
        if (abbreviated)
        {
            foreach (string field in manifest.Select(p => p.Key).ToList())
            {
                if (!AbbreviatedFields.Contains(field, StringComparer.Ordinal))
                {
                    manifest.Remove(field);
                }
            }
        }

        manifest.Remove("deprecated");
        if (entry.Deprecated is { } deprecated)
        {
            manifest["deprecated"] = deprecated;
        }

        var dist = manifest["dist"] as JsonObject ?? [];
        manifest["dist"] = dist;
        dist["tarball"] = $"{tarballBase}{name.Full}/-/{NpmPaths.TarballName(name, entry.Version)}";
        return manifest;
    }

    private static IEnumerable<NpmVersionEntry> Ordered(NpmPackage package)
        => package.Versions.Values
            .Select(e => (Entry: e, Parsed: NpmVersion.TryParse(e.Version, out _)))
            .OrderBy(e => e.Parsed)
            .Select(e => e.Entry);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
