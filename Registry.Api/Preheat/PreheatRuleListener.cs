using Registry.Core.Changes;
using Registry.Core.Preheat;

namespace Registry.Api.Preheat;

/// <summary>
/// Hands the tags clients pushed on this node (<see cref="PreheatService.IsPushedTag"/>) to the preheat rules, once
/// the push has committed; the preheat itself runs in the background (<see cref="PreheatRuleWorker"/>), not on the push.
/// </summary>
internal sealed class PreheatRuleListener(PreheatQueue queue) : IChangeListener
{
    public ValueTask OnChangesAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        foreach (ChangeRecord change in changes)
        {
            if (PreheatService.IsPushedTag(change, out TagPointed? pointed))
            {
                queue.Enqueue(pointed!.Repository, pointed.Tag);
            }
        }

        return ValueTask.CompletedTask;
    }
}
