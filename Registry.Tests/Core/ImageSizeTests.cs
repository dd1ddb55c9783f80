using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Tests.Core;

public sealed class ImageSizeTests
{
    private static Digest D(string seed) => Digest.Compute(DigestAlgorithm.Sha256, System.Text.Encoding.UTF8.GetBytes(seed));

    private static Descriptor Blob(string seed, long size, bool foreign = false)
        => new("application/vnd.oci.image.layer.v1.tar+gzip", D(seed), size, null, foreign, null);

    private static ParsedManifest Image(Descriptor config, params Descriptor[] layers)
        => new(MediaTypes.OciImageManifest, ManifestKind.Image, config, layers, [], null, null, null);

    private static Descriptor Child(string seed, long size, string architecture)
        => new(MediaTypes.OciImageManifest, D(seed), size, null, false, new Platform("linux", architecture, null));

    [Fact]
    public void OfImage_IsConfigAndLayers_WithoutForeignLayers()
    {
        ParsedManifest image = Image(Blob("config", 100), Blob("a", 1000), Blob("foreign", 5000, foreign: true), Blob("b", 2000));

        Assert.Equal(3100, ImageSize.OfImage(image));
    }

    [Fact]
    public void OfIndex_SizesEachPlatform_AndCountsSharedLayersOnceInTheUniqueTotal()
    {
        Descriptor amd64 = Child("amd64", 400, "amd64");
        Descriptor arm64 = Child("arm64", 410, "arm64");
        Descriptor missing = Child("missing", 420, "s390x");
        ParsedManifest index = new(MediaTypes.OciImageIndex, ManifestKind.Index, null, [], [amd64, arm64, missing, amd64], null, null, null);
        var children = new Dictionary<Digest, ParsedManifest>
        {
            [amd64.Digest] = Image(Blob("config-amd64", 100), Blob("shared", 10_000), Blob("amd64-only", 3000)),
            [arm64.Digest] = Image(Blob("config-arm64", 110), Blob("shared", 10_000), Blob("arm64-only", 4000)),
        };

        IndexSize sizes = ImageSize.OfIndex(index, 300, children);

        Assert.Equal([13_100L, 14_110L, null, 13_100L], sizes.Platforms.Select(p => p.ImageSize));
        Assert.Equal(["amd64", "arm64", "s390x", "amd64"], sizes.Platforms.Select(p => p.Manifest.Platform!.Architecture));

        // The index, three distinct child manifests, two configs, the shared layer once and each platform's own layer.
        Assert.Equal(300 + 400 + 410 + 420 + 100 + 110 + 10_000 + 3000 + 4000, sizes.UniqueTotal);
    }
}
