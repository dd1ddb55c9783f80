using Registry.Core.Changes;

namespace Registry.Core.Retention;

/// <summary>
/// One run's plan, split into units the engine applies in order (an image repository, an artifact version), and what
/// applying them did so far. A unit that throws is recorded as an error and the next one still runs; a unit skips
/// (and notes) what changed since planning itself.
/// </summary>
public interface IRetentionWork
{
    /// <summary>How errors name each unit (<c>team/app</c>, <c>com/acme/app/1.0</c>).</summary>
    IReadOnlyList<string> Units { get; }

    /// <summary>Deletes unit <paramref name="index"/> through the application services as <paramref name="actor"/>.</summary>
    Task ApplyAsync(int index, Actor actor, CancellationToken ct);

    /// <summary>
    /// After the units (a real run) or right after planning (a dry run), whether or not they all went: what is left
    /// to do once, such as measuring what was freed or rewriting an index of versions. Not cancelled with the run.
    /// </summary>
    Task FinishAsync(Actor actor, bool dryRun, CancellationToken ct);
}
