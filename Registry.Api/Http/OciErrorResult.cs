using System.Text.Json;
using Registry.Core.Errors;

namespace Registry.Api.Http;

/// <summary>
/// The spec's error body, <c>{"errors":[{"code","message","detail"}]}</c>, with the table's status (or an override,
/// e.g. 413 for an oversized manifest) and the request id in the detail so logs can be matched. Clients print the
/// <c>message</c>, so errors a person must act on (access denied) may replace the table's message with their own.
/// </summary>
internal sealed class OciErrorResult(OciErrorCode code, string? detail, int? status = null, string? message = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        (string name, int tableStatus, string tableMessage) = OciErrors.Describe(code);
        HttpResponse response = httpContext.Response;
        response.StatusCode = status ?? tableStatus;
        response.ContentType = "application/json; charset=utf-8";
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, OciJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", name);
            writer.WriteString("message", message ?? tableMessage);
            writer.WriteStartObject("detail");
            if (detail is not null)
            {
                writer.WriteString("reason", detail);
            }

            writer.WriteString("requestId", httpContext.TraceIdentifier);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
