namespace Registry.Core.Access;

/// <summary>
/// The XML key ring ASP.NET Core Data Protection encrypts console cookies and anti-forgery tokens with, kept in the
/// metadata store so every node reads the same keys and sessions survive restarts.
/// </summary>
public interface IDataProtectionKeyStore
{
    /// <summary>Every stored key element, oldest first.</summary>
    ValueTask<IReadOnlyList<DataProtectionKeyRecord>> ListDataProtectionKeysAsync(CancellationToken ct);

    /// <summary>Stores the element under its friendly name; false when a key of that name exists already (kept as it was).</summary>
    ValueTask<bool> AddDataProtectionKeyAsync(DataProtectionKeyRecord key, CancellationToken ct);
}
