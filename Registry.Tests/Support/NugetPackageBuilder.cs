using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Registry.Tests.Support;

/// <summary>Builds <c>.nupkg</c> files in memory for the NuGet tests (good ones and each kind of bad one), and the push form.</summary>
public static class NugetPackageBuilder
{
    public static string Nuspec(string id, string version, string dependencies = "", string description = "A test package")
        => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>Tests</authors>
                <description>{description}</description>
                <dependencies>{dependencies}</dependencies>
              </metadata>
            </package>
            """;

    /// <summary>A package with <c>{id}.nuspec</c> at its root and a library beside it.</summary>
    public static byte[] Package(string id, string version, string dependencies = "", string description = "A test package")
        => Zip((id + ".nuspec", Encoding.UTF8.GetBytes(Nuspec(id, version, dependencies, description))), ($"lib/net10.0/{id}.dll", [1, 2, 3]));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in entries)
            {
                using Stream stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The multipart form <c>dotnet nuget push</c> sends: one file part, <c>package</c>.</summary>
    public static MultipartFormDataContent Form(byte[] package)
    {
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "package", "package.nupkg" } };
    }
}
