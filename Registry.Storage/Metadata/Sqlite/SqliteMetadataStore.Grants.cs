namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<IReadOnlyList<RoleGrant>> ListGrantsAsync(string? subject, CancellationToken ct)
    {
        List<GrantRow> rows = Read(c => subject is null
            ? c.Query<GrantRow>(AccessSql.Grants).AsList()
            : c.Query<GrantRow>(AccessSql.GrantsOf, new { Subject = subject }).AsList());
        return ValueTask.FromResult<IReadOnlyList<RoleGrant>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public async ValueTask SetGrantAsync(RoleGrant grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await WriteAccessAsync((c, tx) => c.Execute(AccessSql.UpsertGrant, WriteParameters.Grant(grant), tx) > 0, ct);
    }

    public ValueTask<bool> RemoveGrantAsync(string subject, AccessScope scope, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(AccessSql.DeleteGrant,
            new { Subject = subject, ScopeKind = (int)scope.Kind, Scope = scope.Name }, tx) > 0, ct);

    public ValueTask<IReadOnlyList<AccessScope>> ListPublicScopesAsync(CancellationToken ct)
    {
        List<(int Kind, string Name)> rows = Read(c => c.Query<(int, string)>(AccessSql.PublicScopes).AsList());
        return ValueTask.FromResult<IReadOnlyList<AccessScope>>(rows.ConvertAll(r => AccessScope.Create((ScopeKind)r.Kind, r.Name)));
    }

    public ValueTask<bool> SetPublicAsync(AccessScope scope, bool isPublic, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(isPublic ? AccessSql.InsertPublicScope : AccessSql.DeletePublicScope,
            new { ScopeKind = (int)scope.Kind, Scope = scope.Name }, tx) > 0, ct);
}
