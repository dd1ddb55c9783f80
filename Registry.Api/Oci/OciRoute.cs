namespace Registry.Api.Oci;

/// <summary>A parsed <c>/v2/...</c> path: which endpoint, the raw repository name, and its last argument.</summary>
internal readonly record struct OciRoute(OciRouteKind Kind, string Name, string Argument)
{
    public static readonly OciRoute NotFound = new(OciRouteKind.NotFound, string.Empty, string.Empty);
}
