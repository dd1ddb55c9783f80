using System.Buffers;
using System.Text.Json;

namespace Registry.Api.Http;

/// <summary>A JSON response written straight into the response pipe with a <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonBodyResult<TState>(TState state, Action<Utf8JsonWriter, TState> write, string contentType = "application/json") : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, OciJson.WriterOptions))
        {
            write(writer, state);
        }

        response.ContentLength = buffer.WrittenCount;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
        }
    }
}
