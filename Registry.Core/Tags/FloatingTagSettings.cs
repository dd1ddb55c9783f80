namespace Registry.Core.Tags;

/// <summary>
/// A repository's floating-tag settings. With <see cref="FloatingTags"/> on, pushing the release <c>17.0.12</c>
/// also points <c>17.0</c> (when it is the newest <c>17.0.x</c>) and <c>17</c> (when it is the newest <c>17.x.y</c>)
/// at it; with <see cref="FloatLatest"/> as well, <c>latest</c> follows the newest release of the repository.
/// <see cref="FloatLatest"/> has no effect while <see cref="FloatingTags"/> is off.
/// </summary>
public sealed record FloatingTagSettings(bool FloatingTags, bool FloatLatest)
{
    /// <summary>What a repository without settings has: nothing floats.</summary>
    public static FloatingTagSettings Off { get; } = new(false, false);
}
