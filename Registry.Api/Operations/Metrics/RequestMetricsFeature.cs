namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Per-request slot through which the area that handles a request names its endpoint kind for the metrics
/// (the OCI dispatcher and the operations endpoints call <see cref="SetRoute(string)"/> or <see cref="SetRoute(string, bool)"/>).
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

    /// <summary>
    /// Labels the request and, when <paramref name="upload"/> is true, counts it in
    /// <c>registry_uploads_in_progress</c> until it ends (set by the OCI dispatcher once it has parsed the path).
    /// </summary>
    public void SetRoute(string route, bool upload)
    {
        Route = route;
        if (upload && !CountsAsUpload)
        {
            CountsAsUpload = true;
            _metrics?.UploadStarted();
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
