using Registry.Api.Operations.Metrics;

namespace Registry.Api.Oci;

/// <summary>
/// How a distribution API request is labelled in the request metrics: its endpoint kind (never the path, which holds
/// repository names and digests), and whether it counts in <c>registry_uploads_in_progress</c>.
/// </summary>
internal static class OciRouteMetrics
{
    /// <summary>Names the request's endpoint kind for the request metrics, when they are recorded.</summary>
    public static void Label(HttpContext context, OciRouteKind kind)
        => context.Features.Get<RequestMetricsFeature>()?.SetRoute(LabelFor(kind), IsUpload(kind, context.Request.Method));

    public static string LabelFor(OciRouteKind kind) => kind switch
    {
        OciRouteKind.Base => MetricLabels.Base,
        OciRouteKind.Catalog => MetricLabels.Catalog,
        OciRouteKind.Tags => MetricLabels.Tags,
        OciRouteKind.Manifest => MetricLabels.Manifest,
        OciRouteKind.Blob => MetricLabels.Blob,
        OciRouteKind.UploadStart or OciRouteKind.Upload => MetricLabels.Upload,
        OciRouteKind.Referrers => MetricLabels.Referrers,
        _ => MetricLabels.Unmatched,
    };

    /// <summary>A request that sends blob bytes: PATCH or PUT of an upload session, or the POST that starts one.</summary>
    public static bool IsUpload(OciRouteKind kind, string method)
        => (kind == OciRouteKind.Upload && (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method)))
            || (kind == OciRouteKind.UploadStart && HttpMethods.IsPost(method));
}
