using System.Globalization;
using Registry.Core.Catalog;
using Registry.Core.Primitives;

namespace Registry.Api.Catalog;

/// <summary>
/// The query of <c>GET /api/v1/catalog</c>: <c>namespace</c> (a repository path prefix), <c>repository</c> (one name),
/// <c>tag</c> (a glob), <c>n</c> (page size, 1-1000, default 100) and either <c>cursor</c> (the next page of a listing)
/// or <c>since</c> (what changed after a change cursor).
/// </summary>
internal sealed record CatalogQuery(int Limit, string? Namespace, string? Repository, TagPattern Tags, long? Since, long? WalkStart, CatalogPosition? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static bool TryParse(IQueryCollection query, out CatalogQuery? parsed, out Http.InputProblem? problem)
    {
        parsed = null;
        int limit = DefaultLimit;
        string? n = query["n"];
        if (n is not null)
        {
            if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                problem = new("n", $"n is the page size, a number from 1 to {MaxLimit}");
                return false;
            }

            limit = Math.Min(limit, MaxLimit);
        }

        string? ns = Empty(query["namespace"]);
        string? repository = Empty(query["repository"]);
        if ((ns is not null && !RepositoryName.IsValid(ns)) || (repository is not null && !RepositoryName.IsValid(repository)))
        {
            problem = new((ns is not null && !RepositoryName.IsValid(ns) ? "namespace" : "repository"), "namespace and repository are repository names (namespace: a path prefix such as team or team/base)");
            return false;
        }

        TagPattern tags = TagPattern.Any;
        if (Empty(query["tag"]) is { } glob && !TagPattern.TryParse(glob, out tags!))
        {
            problem = new("tag", "tag is a glob of tag characters ([A-Za-z0-9_.-]) with * (any run) and ? (one character), e.g. 17.* or v1.?.*");
            return false;
        }

        string? cursor = Empty(query["cursor"]);
        string? since = Empty(query["since"]);
        long? changeCursor = null;
        long? walkStart = null;
        CatalogPosition? after = null;
        if (cursor is not null && since is not null)
        {
            problem = new("since", "cursor (the next page of a listing) and since (changes after a change cursor) do not go together");
            return false;
        }

        if (since is not null)
        {
            if (!CatalogCursor.TryParseChange(since, out long sequence))
            {
                problem = new("since", "since is the cursor of an earlier catalog response");
                return false;
            }

            changeCursor = sequence;
        }

        if (cursor is not null)
        {
            if (!CatalogCursor.TryParsePage(cursor, out long start, out CatalogPosition position))
            {
                problem = new("cursor", "cursor is the next of an earlier catalog response");
                return false;
            }

            (walkStart, after) = (start, position);
        }

        parsed = new CatalogQuery(limit, ns, repository, tags, changeCursor, walkStart, after);
        problem = null;
        return true;
    }

    /// <summary>The view the query asks for within <paramref name="visible"/>.</summary>
    public CatalogView Narrow(CatalogView visible)
    {
        CatalogView view = visible;
        if (Namespace is not null)
        {
            view = view.Intersect(CatalogView.ForPrefix(Namespace));
        }

        if (Repository is not null)
        {
            view = view.Intersect(CatalogView.Of([NameRange.Exactly(Repository)]));
        }

        return view;
    }

    /// <summary>Everything that shapes the response, for the ETag.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"n={Limit}&namespace={Namespace}&repository={Repository}&tag={Tags}&since={Since}&start={WalkStart}&after={After}");

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
