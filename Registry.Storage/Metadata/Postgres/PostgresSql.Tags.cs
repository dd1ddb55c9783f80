namespace Registry.Storage.Metadata.Postgres;

/// <summary>The tag statements only PostgreSQL runs (<see cref="TagSql"/> has the shared ones).</summary>
internal static partial class PostgresSql
{
    /// <summary>
    /// Serializes the pushes of one repository that float tags (until commit), so each plans with the tags the one
    /// before it left. Taken first in its transaction, before any row lock, so it never closes a wait cycle. The
    /// two-key form keeps these apart from the migration lock's one-key space; a hash collision only serializes two
    /// repositories' floating pushes.
    /// </summary>
    public const string LockFloating = "SELECT pg_advisory_xact_lock(@Class, hashtext(@Repository))";

    /// <summary>The first key of <see cref="LockFloating"/> ("FLOT").</summary>
    public const int FloatingLockClass = 0x464C4F54;
}
