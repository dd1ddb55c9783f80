namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    public async ValueTask<UserRecord?> GetUserAsync(string name, CancellationToken ct)
    {
        if (HasNul(name))
        {
            return null;
        }

        UserRow? row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(Command(AccessSql.User, new { Name = name }, null, ct)), ct);
        return row?.ToRecord();
    }

    public async ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct)
    {
        IEnumerable<UserRow> rows = await ReadAsync(c => c.QueryAsync<UserRow>(Command(AccessSql.Users, null, null, ct)), ct);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.InsertUser, new
        {
            user.Name,
            user.PasswordHash,
            user.Disabled,
            CreatedAt = AccessTime.Ms(user.CreatedAt),
            UpdatedAt = AccessTime.Ms(user.UpdatedAt),
        }, tx, ct)) > 0, ct);
    }

    public async ValueTask<bool> UpdateUserAsync(string name, string? passwordHash, bool? disabled, DateTimeOffset at, CancellationToken ct)
        => !HasNul(name) && await WriteAccessAsync(async (c, tx) => await c.ExecuteAsync(Command(AccessSql.UpdateUser,
            new { Name = name, PasswordHash = passwordHash, Disabled = disabled, At = AccessTime.Ms(at) }, tx, ct)) > 0, ct);

    public async ValueTask<bool> DeleteUserAsync(string name, CancellationToken ct)
        => !HasNul(name) && await WriteAccessAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(Command(AccessSql.DeleteUser, new { Name = name }, tx, ct)) == 0)
            {
                return false;
            }

            await c.ExecuteAsync(Command(AccessSql.DeleteGrantsOf, new { Subject = name }, tx, ct));
            return true;
        }, ct);
}
