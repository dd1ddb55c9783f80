namespace Registry.Core.Changes;

/// <summary>Who made a change: a signed-in user, a CI token, an anonymous client, or the registry itself (a job).</summary>
public enum ActorKind
{
    Anonymous,
    User,
    CiToken,
    System,
}
