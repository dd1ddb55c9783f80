namespace Registry.Core.Changes;

/// <summary>
/// Who makes a change, passed to every application service: a user, a CI token (<c>token:&lt;name&gt;</c>), an
/// anonymous client, or a system job such as a retention policy (<c>retention:&lt;policy&gt;</c>). <see cref="Name"/>
/// is what tag history, the audit log and webhook events record; <see cref="Request"/> is the request a client's
/// change came with (null for a job).
/// </summary>
public sealed record Actor(ActorKind Kind, string Name, RequestOrigin? Request = null)
{
    /// <summary>A background job acting on its own, named for its origin (e.g. <c>retention:nightly</c>).</summary>
    public static Actor System(string name) => new(ActorKind.System, name);

    public bool IsAnonymous => Kind == ActorKind.Anonymous;
}
