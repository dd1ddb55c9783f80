using Registry.Api.Auth;
using Registry.Core.Access;
using Registry.Core.Storage;

namespace Registry.Api.Management;

/// <summary>What the management API handlers use, resolved once.</summary>
internal sealed class ManagementServices(
    AccessDirectory directory,
    AuditLog audit,
    SigningKeyRing keys,
    CiTokenUsage tokenUsage,
    IMetadataStore metadata,
    ITagStore tags,
    Microsoft.Extensions.Options.IOptions<Auth.AuthSettings> auth,
    Microsoft.Extensions.Options.IOptions<Gc.GcSettings> gc,
    TimeProvider time)
{
    public AccessDirectory Directory => directory;

    public IAccessStore Store => directory.Store;

    public AuditLog Audit => audit;

    public SigningKeyRing Keys => keys;

    public CiTokenUsage TokenUsage => tokenUsage;

    public IMetadataStore Metadata => metadata;

    public ITagStore Tags => tags;

    public Auth.AuthSettings Auth => auth.Value;

    public Gc.GcSettings Gc => gc.Value;

    public TimeProvider Time => time;
}
