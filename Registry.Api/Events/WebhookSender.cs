using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Registry.Core.Events;

namespace Registry.Api.Events;

/// <summary>
/// POSTs envelopes to receivers: <c>Content-Type: application/vnd.docker.distribution.events.v1+json</c>, the HMAC
/// signature of the exact body, the event and delivery ids, and the webhook's own headers. Only a 2xx answer counts
/// as delivered; redirects are not followed (a 3xx is a failure naming where it pointed).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const string EventHeader = "X-Registry-Event";
    public const string DeliveryHeader = "X-Registry-Delivery";
    public const string AttemptHeader = "X-Registry-Delivery-Attempt";
    private const int MaxErrorLength = 500;
    private static readonly ProductInfoHeaderValue UserAgent = new("Registry-Webhooks", "1.0");
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhookSettings> options)
    {
        _timeout = options.Value.Timeout;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _timeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Sends one envelope; throws <see cref="OperationCanceledException"/> only when <paramref name="ct"/> is cancelled.</summary>
    public async Task<WebhookSendResult> SendAsync(
        string url, string secret, IReadOnlyDictionary<string, string> headers, byte[] body, string eventId, string deliveryId, int attempt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, body));
        request.Headers.Add(EventHeader, eventId);
        request.Headers.Add(DeliveryHeader, deliveryId);
        request.Headers.Add(AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(EventEnvelope.MediaType);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            int status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new WebhookSendResult(true, status, null);
            }

            string error = status is >= 300 and < 400
                ? $"{status} redirect to {response.Headers.Location} (redirects are not followed; use the final URL)"
                : $"{status} {response.ReasonPhrase}";
            return new WebhookSendResult(false, status, Shorten(error));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, $"no answer within {_timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            string message = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
            return new WebhookSendResult(false, (int?)e.StatusCode, Shorten(message));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
