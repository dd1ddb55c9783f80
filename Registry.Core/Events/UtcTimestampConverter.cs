using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>Writes times as RFC 3339 in UTC with a <c>Z</c> (<c>2026-03-01T12:00:00.1234567Z</c>), as Go's <c>time.Time</c> reads them.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
