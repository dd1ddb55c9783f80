using Registry.Api.Oci;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Per-request slot through which the area that handles a request names its endpoint kind for the metrics
/// (the OCI dispatcher sets <see cref="OciKind"/>; the operations endpoints call <see cref="SetRoute"/>).
/// <see cref="RequestMetricsMiddleware"/> rents one per request from a small cache, so recording allocates nothing.
/// </summary>
internal sealed class RequestMetricsFeature
{
    [ThreadStatic]
    private static RequestMetricsFeature? t_cached;

    private RegistryMetrics? _metrics;
    private string _method = MetricLabels.OtherMethod;

    /// <summary>The route label; <c>other</c> until an area sets it.</summary>
    public string Route { get; private set; } = MetricLabels.Other;

    /// <summary>True while this request counts in <c>registry_uploads_in_progress</c>.</summary>
    public bool CountsAsUpload { get; private set; }

    /// <summary>Set by the OCI dispatcher once it has parsed the path.</summary>
    public OciRouteKind OciKind
    {
        set
        {
            Route = MetricLabels.ForRoute(value);
            bool upload = (value == OciRouteKind.Upload && (HttpMethods.IsPatch(_method) || HttpMethods.IsPut(_method)))
                || (value == OciRouteKind.UploadStart && HttpMethods.IsPost(_method));
            if (upload && !CountsAsUpload)
            {
                CountsAsUpload = true;
                _metrics?.UploadStarted();
            }
        }
    }

    public void SetRoute(string route) => Route = route;

    public static RequestMetricsFeature Rent(RegistryMetrics metrics, string method)
    {
        RequestMetricsFeature feature = t_cached ?? new RequestMetricsFeature();
        t_cached = null;
        feature._metrics = metrics;
        feature._method = method;
        return feature;
    }

    /// <summary>Ends the upload count if one was started and puts the slot back for the next request on this thread.</summary>
    public void Return()
    {
        if (CountsAsUpload)
        {
            _metrics?.UploadEnded();
        }

        _metrics = null;
        _method = MetricLabels.OtherMethod;
        Route = MetricLabels.Other;
        CountsAsUpload = false;
        t_cached = this;
    }
}
