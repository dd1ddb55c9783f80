namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<IReadOnlyList<RoleGrant>> ListGrantsAsync(string? subject, CancellationToken ct)
    {
        if (HasNul(subject))
        {
            return [];
        }

        IEnumerable<GrantRow> rows = await ReadAsync(c => subject is null
            ? c.QueryAsync<GrantRow>(Command(AccessSql.Grants, null, null, ct))
            : c.QueryAsync<GrantRow>(Command(AccessSql.GrantsOf, new { Subject = subject }, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async ValueTask SetGrantAsync(RoleGrant grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.UpsertGrant, WriteParameters.Grant(grant), tx, ct)) > 0, ct);
    }

    public async ValueTask<bool> RemoveGrantAsync(string subject, AccessScope scope, CancellationToken ct)
        => !HasNul(subject) && await WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.DeleteGrant,
            new { Subject = subject, ScopeKind = (short)scope.Kind, Scope = scope.Name }, tx, ct)) > 0, ct);

    public async ValueTask<IReadOnlyList<AccessScope>> ListPublicScopesAsync(CancellationToken ct)
    {
        IEnumerable<(int Kind, string Name)> rows = await ReadAsync(c => c.QueryAsync<(int, string)>(Command(AccessSql.PublicScopes, null, null, ct)), ct);
        return rows.Select(r => AccessScope.Create((ScopeKind)r.Kind, r.Name)).ToList();
    }

    public ValueTask<bool> SetPublicAsync(AccessScope scope, bool isPublic, CancellationToken ct)
        => WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(isPublic ? AccessSql.InsertPublicScope : AccessSql.DeletePublicScope,
            new { ScopeKind = (short)scope.Kind, Scope = scope.Name }, tx, ct)) > 0, ct);
}
