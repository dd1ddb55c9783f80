using Microsoft.AspNetCore.Http.Features;
using Registry.Api.Artifacts;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// Errors of the NuGet API: Artifactory's JSON body, and the message as the HTTP reason phrase too, because that is
/// what <c>dotnet nuget push</c> and restore print (<c>409 (Conflict - ...)</c>), as NuGet servers do.
/// </summary>
internal static class NugetResults
{
    private const int MaxReasonLength = 400;

    public static IResult Error(HttpContext context, int status, string message)
    {
        if (context.Features.Get<IHttpResponseFeature>() is { } response)
        {
            string reason = ReasonText(status, message);
            response.ReasonPhrase = reason;
        }

        return ArtifactResults.Error(status, message);
    }

    public static IResult BadRequest(HttpContext context, string message) => Error(context, StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(HttpContext context, string message) => Error(context, StatusCodes.Status404NotFound, message);

    private static string ReasonText(int status, string message)
    {
        string name = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        var text = new System.Text.StringBuilder(name.Length + 3 + Math.Min(message.Length, MaxReasonLength));
        text.Append(name).Append(" - ");
        foreach (char c in message.Length > MaxReasonLength ? message[..MaxReasonLength] : message)
        {
            text.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return text.ToString();
    }
}
