using System.Text.Json;

namespace Registry.Api.Packages.Npm;

/// <summary>Reads a JSON request body of at most a given size (413 beyond it, 400 when it is not JSON).</summary>
internal static class NpmBody
{
    public static async ValueTask<(JsonDocument? Document, IResult? Failure)> ReadJsonAsync(HttpContext context, long max)
    {
        if (context.Request.ContentLength > max)
        {
            return (null, TooLarge(max));
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 0);
        byte[] chunk = new byte[1 << 16];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, TooLarge(max));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), null);
        }
        catch (JsonException e)
        {
            return (null, NpmResults.BadRequest($"the body is not valid JSON: {e.Message}"));
        }
    }

    public static IResult TooLarge(long max)
        => NpmResults.Error(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {max} bytes, the most this registry accepts (docs/packages.md)");
}
