using Microsoft.Extensions.Options;
using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// <c>/artifactory/api/search/checksum?sha256=|sha1=|md5=</c>, <c>/api/search/artifact?name=</c> (<c>*</c>, <c>?</c>)
/// and <c>/api/search/prop?k=v1,v2&amp;k2=...</c>, each with optional <c>repos=a,b</c>. Results are limited to
/// repositories the caller may read and to <see cref="ArtifactSettings.SearchLimit"/> files.
/// </summary>
internal static class SearchHandlers
{
    private const string ReposParameter = "repos";

    public static async Task<IResult> SearchAsync(HttpContext context, string kind, ArtifactServices services)
    {
        (Func<string, bool>? canRead, IResult? error) = await services.ReadFilterAsync(context);
        if (canRead is null)
        {
            return error!;
        }

        CancellationToken ct = context.RequestAborted;
        IQueryCollection query = context.Request.Query;
        IReadOnlyList<string> repositories = await RepositoriesAsync(query, canRead, services, ct);
        int limit = context.RequestServices.GetRequiredService<IOptions<ArtifactSettings>>().Value.SearchLimit;
        IReadOnlyList<ArtifactFile> found;
        switch (kind)
        {
            case "checksum":
                (ChecksumKind Kind, string Value)? checksum = ChecksumQuery(query, out string? checksumError);
                if (checksum is null)
                {
                    return ArtifactResults.BadRequest(checksumError!);
                }

                found = repositories.Count == 0 ? [] : await services.Store.SearchByChecksumAsync(checksum.Value.Kind, checksum.Value.Value, repositories, limit, ct);
                break;
            case "artifact":
                if (!NamePattern.TryParse(query["name"], out NamePattern? pattern))
                {
                    return ArtifactResults.BadRequest("search by name needs ?name=<pattern> (a file name; '*' and '?' match any run and any one character)");
                }

                found = repositories.Count == 0 ? [] : await services.Store.SearchByNameAsync(pattern!, repositories, limit, ct);
                break;
            case "prop":
                List<PropertyFilter> filters = [.. query.Where(q => q.Key != ReposParameter)
                    .Select(q => new PropertyFilter(q.Key, [.. q.Value.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)]))];
                if (filters.Count == 0 || filters.Any(f => !ArtifactPropertyRules.IsValidName(f.Name)))
                {
                    return ArtifactResults.BadRequest("search by property needs ?name=value[,value2]&name2=... with valid property names");
                }

                found = repositories.Count == 0 ? [] : await services.Store.SearchByPropertiesAsync(filters, repositories, limit, ct);
                break;
            default:
                return ArtifactResults.NotFound($"unknown search '{kind}'; use checksum, artifact or prop");
        }

        return Results.Json(ArtifactJson.SearchResults(context, found));
    }

    /// <summary>The repositories asked for (all when none) that the caller may read.</summary>
    private static async ValueTask<IReadOnlyList<string>> RepositoriesAsync(IQueryCollection query, Func<string, bool> canRead, ArtifactServices services, CancellationToken ct)
    {
        string? requested = query[ReposParameter];
        IEnumerable<string> keys = string.IsNullOrEmpty(requested)
            ? (await services.Store.ListArtifactRepositoriesAsync(ct)).Select(r => r.Key)
            : requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. keys.Where(canRead).Distinct(StringComparer.Ordinal)];
    }

    private static (ChecksumKind, string)? ChecksumQuery(IQueryCollection query, out string? error)
    {
        foreach ((string name, ChecksumKind kind) in new[] { ("sha256", ChecksumKind.Sha256), ("sha1", ChecksumKind.Sha1), ("md5", ChecksumKind.Md5) })
        {
            string? value = query[name];
            if (value is null)
            {
                continue;
            }

            error = ArtifactChecksums.IsWellFormed(kind, value) ? null : $"'{value}' is not a hex {name} checksum";
            return error is null ? (kind, value.ToLowerInvariant()) : null;
        }

        error = "search by checksum needs ?sha256=, ?sha1= or ?md5=";
        return null;
    }
}
