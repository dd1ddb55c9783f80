using Dapper;
using Registry.Core.Access;
using Registry.Storage.Metadata.Access;

namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<UserRecord?> GetUserAsync(string name, CancellationToken ct)
    {
        UserRow? row = Read(c => c.QuerySingleOrDefault<UserRow>(SqliteSql.User, new { Name = name }));
        return ValueTask.FromResult(row?.ToRecord());
    }

    public ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct)
    {
        List<UserRow> rows = Read(c => c.Query<UserRow>(SqliteSql.Users).AsList());
        return ValueTask.FromResult<IReadOnlyList<UserRecord>>(rows.ConvertAll(r => r.ToRecord()));
    }

    public ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(SqliteSql.InsertUser, new
        {
            user.Name,
            user.PasswordHash,
            user.Disabled,
            CreatedAt = AccessTime.Ms(user.CreatedAt),
            UpdatedAt = AccessTime.Ms(user.UpdatedAt),
        }, tx) > 0, ct);

    public ValueTask<bool> UpdateUserAsync(string name, string? passwordHash, bool? disabled, DateTimeOffset at, CancellationToken ct)
        => WriteAccessAsync((c, tx) => c.Execute(SqliteSql.UpdateUser,
            new { Name = name, PasswordHash = passwordHash, Disabled = disabled, At = AccessTime.Ms(at) }, tx) > 0, ct);

    public ValueTask<bool> DeleteUserAsync(string name, CancellationToken ct)
        => WriteAccessAsync((c, tx) =>
        {
            if (c.Execute(SqliteSql.DeleteUser, new { Name = name }, tx) == 0)
            {
                return false;
            }

            c.Execute(SqliteSql.DeleteGrantsOf, new { Subject = name }, tx);
            return true;
        }, ct);
}
