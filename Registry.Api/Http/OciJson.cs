using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Http;

/// <summary>How the distribution API writes JSON: media types and annotations as they are ('+', not \u002B).</summary>
internal static class OciJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
