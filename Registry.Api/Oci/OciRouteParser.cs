namespace Registry.Api.Oci;

/// <summary>
/// Splits a path below <c>/v2/</c> into endpoint, repository name and argument. Repository names contain slashes,
/// so the endpoint is recognised from the end of the path, the way the spec's URL templates read:
/// <c>&lt;name&gt;/blobs/&lt;digest&gt;</c>, <c>&lt;name&gt;/blobs/uploads/[&lt;id&gt;]</c>, <c>&lt;name&gt;/manifests/&lt;ref&gt;</c>,
/// <c>&lt;name&gt;/tags/list</c>, <c>&lt;name&gt;/referrers/&lt;digest&gt;</c>, <c>_catalog</c>. Only string slicing, no regex.
/// </summary>
internal static class OciRouteParser
{
    public static OciRoute Parse(string path)
    {
        // path is what follows "/v2/" (it may be empty).
        if (path.Length == 0)
        {
            return new OciRoute(OciRouteKind.Base, string.Empty, string.Empty);
        }

        if (path == "_catalog")
        {
            return new OciRoute(OciRouteKind.Catalog, string.Empty, string.Empty);
        }

        if (path.EndsWith("/blobs/uploads", StringComparison.Ordinal) || path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            int cut = path.LastIndexOf("/blobs/uploads", StringComparison.Ordinal);
            return cut > 0 ? new OciRoute(OciRouteKind.UploadStart, path[..cut], string.Empty) : OciRoute.NotFound;
        }

        if (path.EndsWith("/tags/list", StringComparison.Ordinal))
        {
            int cut = path.Length - "/tags/list".Length;
            return cut > 0 ? new OciRoute(OciRouteKind.Tags, path[..cut], string.Empty) : OciRoute.NotFound;
        }

        int lastSlash = path.LastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == path.Length - 1)
        {
            return OciRoute.NotFound;
        }

        string argument = path[(lastSlash + 1)..];
        ReadOnlySpan<char> head = path.AsSpan(0, lastSlash);
        if (TryStrip(head, "/manifests", out int nameLength))
        {
            return new OciRoute(OciRouteKind.Manifest, path[..nameLength], argument);
        }

        if (TryStrip(head, "/blobs/uploads", out nameLength))
        {
            return new OciRoute(OciRouteKind.Upload, path[..nameLength], argument);
        }

        if (TryStrip(head, "/blobs", out nameLength))
        {
            return new OciRoute(OciRouteKind.Blob, path[..nameLength], argument);
        }

        if (TryStrip(head, "/referrers", out nameLength))
        {
            return new OciRoute(OciRouteKind.Referrers, path[..nameLength], argument);
        }

        return OciRoute.NotFound;
    }

    private static bool TryStrip(ReadOnlySpan<char> head, string suffix, out int nameLength)
    {
        nameLength = head.Length - suffix.Length;
        return nameLength > 0 && head.EndsWith(suffix, StringComparison.Ordinal);
    }
}
