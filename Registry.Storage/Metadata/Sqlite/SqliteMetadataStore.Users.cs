namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<UserRecord?> GetUserAsync(string name, CancellationToken ct)
    {
        UserRow? row = Read(c => c.QuerySingleOrDefault<UserRow>(AccessSql.User, new { Name = name }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct)
    {
        List<UserRow> rows = Read(c => c.Query<UserRow>(AccessSql.Users).AsList());
        return ValueTask.FromResult<IReadOnlyList<UserRecord>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(AccessSql.InsertUser, new
        {
            user.Name,
            user.PasswordHash,
            user.Disabled,
            CreatedAt = AccessTime.Ms(user.CreatedAt),
            UpdatedAt = AccessTime.Ms(user.UpdatedAt),
        }, tx) > 0, ct);

    public ValueTask<bool> UpdateUserAsync(string name, string? passwordHash, bool? disabled, DateTimeOffset at, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(AccessSql.UpdateUser,
            new { Name = name, PasswordHash = passwordHash, Disabled = disabled, At = AccessTime.Ms(at) }, tx) > 0, ct);

    public ValueTask<bool> DeleteUserAsync(string name, CancellationToken ct)
        => WriteAccessAsync((c, tx) =>
        {
            if (c.Execute(AccessSql.DeleteUser, new { Name = name }, tx) == 0)
            {
                return false;
            }

            c.Execute(AccessSql.DeleteGrantsOf, new { Subject = name }, tx);
            return true;
        }, ct);
}
