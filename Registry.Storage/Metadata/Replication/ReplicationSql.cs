namespace Registry.Storage.Metadata.Replication;

/// <summary>The statements of replication rules, the same in SQLite and PostgreSQL.</summary>
internal static class ReplicationSql
{
    public const string Rules = $"SELECT {ReplicationRuleRow.Columns} FROM replication_rules ORDER BY name";

    public const string Rule = $"SELECT {ReplicationRuleRow.Columns} FROM replication_rules WHERE name = @Name";

    /// <summary>Inserts nothing when the name is taken.</summary>
    public const string InsertRule = $"""
        INSERT INTO replication_rules ({ReplicationRuleRow.Columns})
        VALUES (@Name, @Direction, @Settings, @Overwrite, @PropagateDeletes, @Enabled, @CreatedBy, @CreatedAt, @UpdatedAt)
        ON CONFLICT DO NOTHING
        """;

    public const string UpdateRule = """
        UPDATE replication_rules SET direction = @Direction, settings = @Settings, overwrite = @Overwrite,
            propagate_deletes = @PropagateDeletes, enabled = @Enabled, updated_at = @UpdatedAt
        WHERE name = @Name
        """;

    public const string DeleteRule = "DELETE FROM replication_rules WHERE name = @Name";

    public const string DeleteRuns = "DELETE FROM replication_runs WHERE rule = @Name";

    public const string InsertRun = """
        INSERT INTO replication_runs (rule, run_trigger, started_at, ended_at, status, summary)
        VALUES (@Rule, @Trigger, @StartedAt, @EndedAt, @Status, @Summary)
        RETURNING id
        """;

    public const string Runs = $"SELECT {ReplicationRunRow.Columns} FROM replication_runs WHERE rule = @Rule ORDER BY id DESC LIMIT @Limit";

    /// <summary>The rule's newest run with the trigger.</summary>
    public const string LatestRun = $"SELECT {ReplicationRunRow.Columns} FROM replication_runs WHERE rule = @Rule AND run_trigger = @Trigger ORDER BY id DESC LIMIT 1";
}
