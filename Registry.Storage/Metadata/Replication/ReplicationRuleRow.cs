using Registry.Core.Replication;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Replication;

/// <summary>A <c>replication_rules</c> row as Dapper fills it (and as statements take it) in either metadata store.</summary>
internal sealed class ReplicationRuleRow
{
    public const string Columns = "name, direction, settings, overwrite, propagate_deletes, enabled, created_by, created_at, updated_at";

    public string Name { get; set; } = string.Empty;

    public short Direction { get; set; }

    public string Settings { get; set; } = "{}";

    public bool Overwrite { get; set; }

    public bool PropagateDeletes { get; set; }

    public bool Enabled { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public static ReplicationRuleRow From(ReplicationRule rule) => new()
    {
        Name = rule.Name,
        Direction = (short)rule.Direction,
        Settings = ReplicationSettingsJson.Write(rule),
        Overwrite = rule.Overwrite,
        PropagateDeletes = rule.PropagateDeletes,
        Enabled = rule.Enabled,
        CreatedBy = rule.CreatedBy,
        CreatedAt = AccessTime.Ms(rule.CreatedAt),
        UpdatedAt = AccessTime.Ms(rule.UpdatedAt),
    };

    public ReplicationRule ToRecord() => ReplicationSettingsJson.Read(
        Name,
        (ReplicationDirection)Direction,
        Settings,
        Overwrite,
        PropagateDeletes,
        Enabled,
        CreatedBy,
        AccessTime.From(CreatedAt),
        AccessTime.From(UpdatedAt));
}
