using Registry.Core.Changes;

namespace Registry.Core.Preheat;

/// <summary>
/// A preheat of <see cref="Repository"/>:<see cref="Reference"/> ran on edges: what each answered. Made by a caller of
/// the API or the console, or by a rule (<see cref="Rule"/>) when a tag was pushed.
/// </summary>
public sealed record PreheatRan(Actor Actor, DateTimeOffset At, string Repository, string Reference, IReadOnlyList<PreheatEdgeResult> Results, string? Rule = null)
    : ChangeRecord(Actor, At)
{
    public override string Subject => Repository + ":" + Reference;

    public bool Succeeded => Results.All(r => r.Succeeded);
}
