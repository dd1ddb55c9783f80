using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Registry.Core.Access;

namespace Registry.Api.Console;

/// <summary>
/// Keeps the Data Protection key ring in the metadata store, so every node protects and reads console cookies and
/// anti-forgery tokens with the same keys, and sessions survive restarts. Data Protection calls this rarely (at
/// start, when a key is created, and when its cached ring expires, about once a day) and synchronously.
/// </summary>
internal sealed class MetadataXmlRepository(IDataProtectionKeyStore store, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
        => [.. store.ListDataProtectionKeysAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        var key = new DataProtectionKeyRecord(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow());
        store.AddDataProtectionKeyAsync(key, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
