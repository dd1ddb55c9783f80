using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>
/// An <see cref="AuditQuery"/> as the stores run it: the conditions that apply (selecting a prepared SQL text) and
/// the parameter values, passed to Dapper as they are. Only conditions the query sets appear in the SQL, so each can
/// use its index.
/// </summary>
internal sealed class AuditFilter
{
    public const int MaxLimit = 1000;

    private AuditFilter()
    {
    }

    public AuditConditions Conditions { get; private init; }

    public string? Actor { get; private init; }

    /// <summary>The exact action, when the query's does not end with <c>.*</c>.</summary>
    public string? Action { get; private init; }

    /// <summary>For an action <c>xxx.*</c>: <c>xxx.</c>, which matching actions start with.</summary>
    public string? ActionPrefix { get; private init; }

    public string? TargetPrefix { get; private init; }

    public long? Since { get; private init; }

    public long? Until { get; private init; }

    public bool? Success { get; private init; }

    public long? BeforeId { get; private init; }

    public long? AfterId { get; private init; }

    public int Limit { get; private init; }

    public static AuditFilter From(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        bool prefix = query.Action is { } action && action.EndsWith(".*", StringComparison.Ordinal);
        string? exact = prefix ? null : query.Action;
        string? actionPrefix = prefix ? query.Action![..^1] : null;
        return new AuditFilter
        {
            Conditions = (query.Actor is null ? 0 : AuditConditions.Actor)
                | (exact is null ? 0 : AuditConditions.Action)
                | (actionPrefix is null ? 0 : AuditConditions.ActionPrefix)
                | (query.TargetPrefix is null ? 0 : AuditConditions.TargetPrefix)
                | (query.Since is null ? 0 : AuditConditions.Since)
                | (query.Until is null ? 0 : AuditConditions.Until)
                | (query.Success is null ? 0 : AuditConditions.Success)
                | (query.BeforeId is null ? 0 : AuditConditions.BeforeId)
                | (query.AfterId is null ? 0 : AuditConditions.AfterId),
            Actor = query.Actor,
            Action = exact,
            ActionPrefix = actionPrefix,
            TargetPrefix = query.TargetPrefix,
            Since = AccessTime.Ms(query.Since),
            Until = AccessTime.Ms(query.Until),
            Success = query.Success,
            BeforeId = query.BeforeId,
            AfterId = query.AfterId,
            Limit = Math.Clamp(query.Limit, 1, MaxLimit),
        };
    }
}
