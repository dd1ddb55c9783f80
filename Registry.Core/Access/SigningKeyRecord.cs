namespace Registry.Core.Access;

/// <summary>
/// A key that signs registry tokens, shared by every node through the metadata store. The newest key that is not
/// retired signs; retired keys still validate tokens issued before they were retired.
/// </summary>
/// <param name="KeyId">The JWT <c>kid</c>.</param>
/// <param name="Algorithm">The JWS algorithm, e.g. <c>ES256</c>.</param>
/// <param name="PrivateKey">The private key, PKCS#8 DER.</param>
public sealed record SigningKeyRecord(string KeyId, string Algorithm, byte[] PrivateKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
