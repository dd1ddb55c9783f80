namespace Registry.Api.Operations.Metrics;

/// <summary>
/// The label values of the request metrics, every one a static string so recording a request allocates nothing and
/// the number of series stays bounded: the endpoint kind instead of the path (which holds repository names and
/// digests), the known HTTP methods, and status codes from a precomputed table.
/// </summary>
internal static class MetricLabels
{
    public const string Base = "base";
    public const string Catalog = "catalog";
    public const string Tags = "tags";
    public const string Manifest = "manifest";
    public const string Blob = "blob";
    public const string Upload = "upload";
    public const string Referrers = "referrers";

    /// <summary>A path below <c>/v2/</c> that is no endpoint of the distribution API.</summary>
    public const string Unmatched = "unmatched";

    public const string Healthz = "healthz";
    public const string Readyz = "readyz";
    public const string MetricsRoute = "metrics";

    /// <summary>Any request no area has labelled (an unknown path outside <c>/v2/</c>).</summary>
    public const string Other = "other";

    public const string OtherMethod = "OTHER";

    private static readonly string[] StatusCodes = CreateStatusCodes();

    /// <summary>The canonical (interned) method name, or <c>OTHER</c> for methods the registry never serves.</summary>
    public static string ForMethod(string method)
    {
        string canonical = HttpMethods.GetCanonicalizedValue(method);
        return HttpMethods.IsGet(canonical) || HttpMethods.IsHead(canonical) || HttpMethods.IsPut(canonical)
            || HttpMethods.IsPost(canonical) || HttpMethods.IsPatch(canonical) || HttpMethods.IsDelete(canonical)
            || HttpMethods.IsOptions(canonical)
            ? canonical
            : OtherMethod;
    }

    public static string ForStatus(int status)
        => status is >= 100 and <= 599 ? StatusCodes[status - 100] : "other";

    private static string[] CreateStatusCodes()
    {
        var codes = new string[500];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (i + 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return codes;
    }
}
