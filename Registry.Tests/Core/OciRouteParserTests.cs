using Registry.Api.Oci;

namespace Registry.Tests.Core;

public sealed class OciRouteParserTests
{
    [Theory]
    [InlineData("", "Base", "", "")]
    [InlineData("_catalog", "Catalog", "", "")]
    [InlineData("a/b/tags/list", "Tags", "a/b", "")]
    [InlineData("a/b/manifests/latest", "Manifest", "a/b", "latest")]
    [InlineData("a/manifests/sha256:abc", "Manifest", "a", "sha256:abc")]
    [InlineData("a/b/c/blobs/sha256:abc", "Blob", "a/b/c", "sha256:abc")]
    [InlineData("a/blobs/uploads/", "UploadStart", "a", "")]
    [InlineData("a/blobs/uploads", "UploadStart", "a", "")]
    [InlineData("a/b/blobs/uploads/0123", "Upload", "a/b", "0123")]
    [InlineData("a/referrers/sha256:abc", "Referrers", "a", "sha256:abc")]
    [InlineData("blobs/manifests/x", "Manifest", "blobs", "x")]
    [InlineData("manifests/blobs/x", "Blob", "manifests", "x")]
    public void Parse_RecognisesEndpointFromTheEnd(string path, string kind, string name, string argument)
    {
        OciRoute route = OciRouteParser.Parse(path);
        Assert.Equal(kind, route.Kind.ToString());
        Assert.Equal(name, route.Name);
        Assert.Equal(argument, route.Argument);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/b")]
    [InlineData("manifests/x")]
    [InlineData("/manifests/x")]
    [InlineData("a/manifests/")]
    [InlineData("tags/list")]
    [InlineData("a/unknown/x")]
    public void Parse_NonEndpoint_IsNotFound(string path) => Assert.Equal(OciRouteKind.NotFound, OciRouteParser.Parse(path).Kind);
}
