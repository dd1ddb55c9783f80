namespace Registry.Core.Retention;

/// <summary>
/// One named version that retention rules decide on: an image tag, or (for artifact repositories) a version of an
/// artifact. Rules look only at these fields, so the same rules serve both.
/// </summary>
/// <param name="Name">The tag or version name; unique among the candidates a rule is given.</param>
/// <param name="PushedAt">When it was last pushed (created or moved).</param>
/// <param name="PulledAt">When it was last pulled, or null when never (as far as the registry counted).</param>
/// <param name="IsProtected">A protection rule covers it: it is kept whatever the rules say.</param>
public sealed record RetentionCandidate(string Name, DateTimeOffset PushedAt, DateTimeOffset? PulledAt, bool IsProtected);
