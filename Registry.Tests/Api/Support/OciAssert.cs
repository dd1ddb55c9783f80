using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api;

/// <summary>Assertions on the spec's error body, <c>{"errors":[{"code":...}]}</c>.</summary>
public static class OciAssert
{
    /// <summary>The response has the status and its body's first error has the code.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Contains(code, ErrorCodes(body));
    }

    /// <summary>For HEAD: status only (no body is sent).</summary>
    public static void Status(HttpResponseMessage response, HttpStatusCode status)
        => Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}");

    public static IReadOnlyList<string> ErrorCodes(string body)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement errors = document.RootElement.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        var codes = new List<string>();
        foreach (JsonElement error in errors.EnumerateArray())
        {
            codes.Add(error.GetProperty("code").GetString() ?? string.Empty);
            Assert.True(error.TryGetProperty("message", out _), "every error has a message");
        }

        Assert.NotEmpty(codes);
        return codes;
    }

    public static async Task SuccessAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
