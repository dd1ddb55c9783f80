using Registry.Core.Tags;

namespace Registry.Api.Management.Models;

/// <summary>A repository's settings: <c>floatingTags</c> and <c>floatLatest</c> (absent in a PUT means false).</summary>
internal sealed record FloatingTagSettingsModel(bool FloatingTags, bool FloatLatest)
{
    public static FloatingTagSettingsModel From(FloatingTagSettings settings) => new(settings.FloatingTags, settings.FloatLatest);

    public FloatingTagSettings ToSettings() => new(FloatingTags, FloatLatest);
}
