namespace Registry.Api.Oci;

internal enum OciRouteKind
{
    NotFound,
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
}
