using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Registry.Core.Access;

namespace Registry.Api.Upstream;

/// <summary>
/// Encrypts upstream and peer credentials with ASP.NET Core data protection, whose keys live in the metadata store
/// (shared by every node, see <c>Console/MetadataXmlRepository</c>) and roll over without losing what older keys encrypted.
/// </summary>
internal sealed class DataProtectionCredentialProtector(IDataProtectionProvider provider) : ICredentialProtector
{
    private readonly IDataProtector protector = provider.CreateProtector("Registry.Upstream.Credentials.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
