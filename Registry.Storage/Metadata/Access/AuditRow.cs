using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>An <c>audit_log</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class AuditRow
{
    public const string Columns = "id, at, actor, client_address, action, target, detail, success";

    public long Id { get; set; }

    public long At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string? ClientAddress { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? Target { get; set; }

    public string? Detail { get; set; }

    public bool Success { get; set; }

    public AuditEntry ToRecord() => new(Id, AccessTime.From(At), Actor, ClientAddress, Action, Target, Detail, Success);
}
