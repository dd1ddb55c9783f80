namespace Registry.Core.Packages.Npm;

/// <summary>
/// Where an attachment's <c>data</c> string lies in a spooled publish body: the raw JSON string content between its
/// quotes (base64, possibly with JSON escapes), <paramref name="Length"/> bytes from <paramref name="Offset"/>.
/// </summary>
public sealed record NpmAttachmentText(long Offset, long Length);
