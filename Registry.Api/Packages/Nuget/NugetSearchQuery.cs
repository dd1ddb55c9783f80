using System.Globalization;
using Registry.Core.Packages.Nuget;

namespace Registry.Api.Packages.Nuget;

/// <summary>
/// A search request (<c>query?q=&amp;skip=&amp;take=&amp;prerelease=&amp;semVerLevel=</c>): <see cref="Text"/> as the
/// client sent it (passed on to an upstream), <see cref="IdPart"/> without an <c>id:</c>/<c>packageid:</c> prefix (what
/// a stored package's id must contain), the page (take at most <see cref="MaxTake"/>) and the version filters.
/// </summary>
internal sealed record NugetSearchQuery(string Text, int Skip, int Take, bool Prerelease, string? SemVerLevel)
{
    public const int DefaultTake = 20;

    public const int MaxTake = 1000;

    /// <summary>Whether SemVer 2.0 versions (dotted labels, build metadata) may be listed: <c>semVerLevel=2.0.0</c>.</summary>
    public bool SemVer2 => NugetVersion.TryParse(SemVerLevel, out NugetVersion? level) && level.Parts[0] >= 2;

    public string IdPart
    {
        get
        {
            string q = Text;
            foreach (string prefix in (ReadOnlySpan<string>)["packageid:", "id:"])
            {
                if (q.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    q = q[prefix.Length..].Trim();
                }
            }

            return q;
        }
    }

    public static NugetSearchQuery From(IQueryCollection query)
        => new(
            ((string?)query["q"] ?? string.Empty).Trim(),
            Number(query["skip"], 0, int.MaxValue, 0),
            Number(query["take"], 0, MaxTake, DefaultTake),
            bool.TryParse(query["prerelease"], out bool prerelease) && prerelease,
            query["semVerLevel"] is { Count: > 0 } level && NugetVersion.TryParse(level, out _) ? (string?)level : null);

    /// <summary>The query string of this search for <paramref name="search"/> (an upstream's search URL).</summary>
    public Uri For(Uri search)
    {
        string parameters = $"q={Uri.EscapeDataString(Text)}&skip={Skip.ToString(CultureInfo.InvariantCulture)}&take={Take.ToString(CultureInfo.InvariantCulture)}"
            + $"&prerelease={(Prerelease ? "true" : "false")}" + (SemVerLevel is null ? string.Empty : $"&semVerLevel={Uri.EscapeDataString(SemVerLevel)}");
        return new Uri(search.AbsoluteUri + (string.IsNullOrEmpty(search.Query) ? "?" : "&") + parameters);
    }

    private static int Number(string? text, int min, int max, int fallback)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? Math.Clamp(value, min, max) : fallback;
}
