using Registry.Core.Tags;

namespace Registry.Storage.Metadata.Tags;

/// <summary>A <c>floating_tag_settings</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class FloatingSettingsRow
{
    public bool FloatingTags { get; set; }

    public bool FloatLatest { get; set; }

    public FloatingTagSettings ToRecord() => new(FloatingTags, FloatLatest);
}
