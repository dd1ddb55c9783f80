using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Tests.Support;

/// <summary>
/// A small pure-Python wheel built here (there is no PyPI nor <c>wheel</c> package on the machine): one module that
/// records its project and version, and the <c>.dist-info</c> pip reads (METADATA with Requires-Dist and
/// Requires-Python, WHEEL, RECORD with each file's hash). <see cref="FileName"/> follows the wheel naming rules.
/// </summary>
internal sealed partial record PypiWheel(string Name, string Version, string FileName, byte[] Bytes)
{
    /// <summary>The importable module's name: the project's name with <c>-</c> and <c>.</c> as <c>_</c>, lowercase.</summary>
    public string Module => Name.ToLowerInvariant().Replace('-', '_').Replace('.', '_');

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public string Md5 => Convert.ToHexStringLower(MD5.HashData(Bytes));

    public static PypiWheel Build(string name, string version, string? requiresPython = ">=3.8", params string[] requiresDist)
    {
        string escaped = Escape().Replace(name, "_");
        string fileVersion = version.Replace('-', '_');
        string distInfo = $"{escaped}-{fileVersion}.dist-info";
        string module = name.ToLowerInvariant().Replace('-', '_').Replace('.', '_');
        var metadata = new StringBuilder($"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {name} for the registry's tests\n");
        if (requiresPython is not null)
        {
            metadata.Append("Requires-Python: ").Append(requiresPython).Append('\n');
        }

        foreach (string requirement in requiresDist)
        {
            metadata.Append("Requires-Dist: ").Append(requirement).Append('\n');
        }

        var files = new List<(string Path, byte[] Content)>
        {
            ($"{module}/__init__.py", Encoding.UTF8.GetBytes($"PROJECT = {Quote(name)}\nVERSION = {Quote(version)}\n")),
            ($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(metadata.ToString())),
            ($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: registry-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")),
        };
        var record = new StringBuilder();
        foreach ((string path, byte[] content) in files)
        {
            string hash = Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append(path).Append(",sha256=").Append(hash).Append(',').Append(content.Length).Append('\n');
        }

        files.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.Append(distInfo).Append("/RECORD,,\n").ToString())));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string path, byte[] content) in files)
            {
                ZipArchiveEntry entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using Stream stream = entry.Open();
                stream.Write(content);
            }
        }

        return new PypiWheel(name, version, $"{escaped}-{fileVersion}-py3-none-any.whl", zip.ToArray());
    }

    /// <summary>The form twine sends for this wheel (the metadata fields, then the file as <c>content</c>), with changes for bad-input tests.</summary>
    public MultipartFormDataContent UploadForm(
        IReadOnlyDictionary<string, string?>? overrides = null, string? fileName = null, byte[]? bytes = null, IEnumerable<(string Name, string Value)>? repeated = null)
    {
        var fields = new List<(string, string?)>
        {
            (":action", "file_upload"), ("protocol_version", "1"), ("name", Name), ("version", Version), ("filetype", "bdist_wheel"),
            ("pyversion", "py3"), ("metadata_version", "2.1"), ("summary", $"{Name} for the registry's tests"), ("requires_python", ">=3.8"),
            ("md5_digest", Md5), ("sha256_digest", Sha256),
        };
        var form = new MultipartFormDataContent();
        foreach ((string field, string? value) in fields)
        {
            string? sent = overrides is not null && overrides.TryGetValue(field, out string? changed) ? changed : value;
            if (sent is not null)
            {
                form.Add(new StringContent(sent), field);
            }
        }

        foreach ((string field, string? value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is not null && !fields.Exists(f => f.Item1 == field))
            {
                form.Add(new StringContent(value), field);
            }
        }

        foreach ((string field, string value) in repeated ?? [])
        {
            form.Add(new StringContent(value), field);
        }

        var content = new ByteArrayContent(bytes ?? Bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "content", fileName ?? FileName);
        return form;
    }

    /// <summary>The <c>curl -F</c> arguments of the same form, for the real-process tests.</summary>
    public IEnumerable<string> CurlFormArguments(string path)
    {
        foreach ((string field, string value) in new[]
        {
            (":action", "file_upload"), ("protocol_version", "1"), ("name", Name), ("version", Version), ("filetype", "bdist_wheel"),
            ("pyversion", "py3"), ("metadata_version", "2.1"), ("requires_python", ">=3.8"), ("sha256_digest", Sha256),
        })
        {
            yield return "-F";
            yield return $"{field}={value}";
        }

        yield return "-F";
        yield return $"content=@{path};filename={FileName}";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"[^\w\d.]+")]
    private static partial Regex Escape();
}
