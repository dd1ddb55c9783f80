namespace Registry.Storage.Metadata.Access;

/// <summary>Which conditions of an <see cref="AuditFilter"/> apply; each combination has one SQL text per store.</summary>
[Flags]
internal enum AuditConditions
{
    None = 0,
    Actor = 1,
    Action = 2,
    ActionPrefix = 4,
    TargetPrefix = 8,
    Since = 16,
    Until = 32,
    Success = 64,
    BeforeId = 128,
    AfterId = 256,
    All = 511,

    /// <summary>The conditions that page rather than filter.</summary>
    Cursors = BeforeId | AfterId,
}
