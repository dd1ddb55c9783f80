using Microsoft.AspNetCore.StaticFiles;

namespace Registry.Api.Artifacts;

/// <summary>The media type recorded for a deployed file, from its name (Maven's own types added to ASP.NET Core's table).</summary>
internal static class ArtifactMimeTypes
{
    public const string Default = "application/octet-stream";

    private static readonly FileExtensionContentTypeProvider Provider = Create();

    public static string For(string name) => Provider.TryGetContentType(name, out string? type) ? type : Default;

    private static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".jar"] = "application/java-archive";
        provider.Mappings[".war"] = "application/java-archive";
        provider.Mappings[".ear"] = "application/java-archive";
        provider.Mappings[".pom"] = "application/x-maven-pom+xml";
        provider.Mappings[".sha1"] = "text/plain";
        provider.Mappings[".sha256"] = "text/plain";
        provider.Mappings[".sha512"] = "text/plain";
        provider.Mappings[".md5"] = "text/plain";
        provider.Mappings[".asc"] = "text/plain";
        provider.Mappings[".tgz"] = "application/x-gzip";
        return provider;
    }
}
