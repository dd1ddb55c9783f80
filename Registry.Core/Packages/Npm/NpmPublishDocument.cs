using System.Text.Json;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// A publish body read by <see cref="NpmPublishDocumentReader"/>: the document with every attachment's <c>data</c>
/// string emptied (small, parsed), and where each of those strings lies in the spooled body, by attachment name.
/// </summary>
public sealed class NpmPublishDocument(JsonDocument json, IReadOnlyDictionary<string, NpmAttachmentText> attachments) : IDisposable
{
    public JsonElement Root => json.RootElement;

    public IReadOnlyDictionary<string, NpmAttachmentText> Attachments => attachments;

    public void Dispose() => json.Dispose();
}
