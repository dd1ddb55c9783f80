using System.Text.Json.Serialization;

namespace Registry.Core.Events;

/// <summary>Who caused an event: the user name or <c>token:&lt;name&gt;</c>; no name for anonymous callers, as in Distribution.</summary>
public sealed record EventActor([property: JsonPropertyName("name")] string? Name);
