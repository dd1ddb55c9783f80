using Microsoft.AspNetCore.Http.Features;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// The outermost middleware: times every request and records it in <see cref="RegistryMetrics"/> under the route
/// label its area set in <see cref="RequestMetricsFeature"/>, with the method and the final status code.
/// Bytes in are the request's Content-Length, or what was read from a chunked body; bytes out are the response's
/// Content-Length (every body this registry sends declares one), except for HEAD.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, RegistryMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = time.GetTimestamp();
        HttpRequest request = context.Request;
        string method = MetricLabels.ForMethod(request.Method);
        RequestMetricsFeature feature = RequestMetricsFeature.Rent(metrics, method);
        context.Features.Set(feature);

        long? declaredLength = request.ContentLength;
        CountingPipeReader? chunkedBody = null;
        if (declaredLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            chunkedBody = new CountingPipeReader(request.BodyReader);
            context.Features.Set<IRequestBodyPipeFeature>(chunkedBody);
        }

        bool escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            HttpResponse response = context.Response;
            int status = escaped && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode;
            long received = chunkedBody?.BytesConsumed ?? declaredLength ?? 0;
            long sent = HttpMethods.IsHead(method) ? 0 : response.ContentLength ?? 0;
            string route = feature.Route;
            metrics.RequestCompleted(route, method, MetricLabels.ForStatus(status), time.GetElapsedTime(start).TotalSeconds, received, sent);
            RecordBlobTransfer(route, method, status, received);
            context.Features.Set<RequestMetricsFeature>(null);
            feature.Return();
        }
    }

    private void RecordBlobTransfer(string route, string method, int status, long received)
    {
        if (ReferenceEquals(route, MetricLabels.Upload) && status == StatusCodes.Status201Created
            && (HttpMethods.IsPut(method) || received > 0))
        {
            // PUT closes a session; a POST answered 201 with a body is a monolithic upload (without one, a mount).
            metrics.BlobWritten();
        }
        else if (ReferenceEquals(route, MetricLabels.Blob) && HttpMethods.IsGet(method)
            && status is StatusCodes.Status200OK or StatusCodes.Status206PartialContent or StatusCodes.Status307TemporaryRedirect)
        {
            metrics.BlobRead();
        }
    }
}
