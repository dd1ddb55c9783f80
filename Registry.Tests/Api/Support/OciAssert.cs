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
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
        {
            // The management API answers RFC 9457 problem details; its codes are the OCI ones' lower-case counterparts.
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(body);
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(ProblemCode(code, status), problem.RootElement.GetProperty("code").GetString());
            if (status == HttpStatusCode.BadRequest)
            {
                // Every 400 names the offending input (a field, a parameter, or $ for the body).
                Assert.True(problem.RootElement.TryGetProperty("errors", out JsonElement errors) && errors.EnumerateObject().Any(), $"a 400 without errors: {body}");
            }

            return;
        }

        Assert.Contains(code, ErrorCodes(body));
    }

    private static string ProblemCode(string ociCode, HttpStatusCode status) => ociCode switch
    {
        "DENIED" when status == HttpStatusCode.Conflict => "conflict",
        "UNSUPPORTED" when status == HttpStatusCode.BadRequest => "invalid_request",
        "UNSUPPORTED" when status == HttpStatusCode.NotFound => "not_found",
        "UNSUPPORTED" => "method_not_allowed",
        "NAME_UNKNOWN" or "MANIFEST_UNKNOWN" => "not_found",
        "TAG_INVALID" or "DIGEST_INVALID" => "invalid_request",
        "TOOMANYREQUESTS" => "too_many_requests",
        _ => ociCode.ToLowerInvariant(),
    };

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
