using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Registry.Core.Access;
using Registry.Core.Changes;

namespace Registry.Api.Auth;

/// <summary>
/// The keys tokens are signed and validated with. By default they live in the metadata store, so every node signs
/// with the same key and validates every node's tokens; the first node to start generates it. After a rotation the
/// retired keys keep validating until the longest-lived token they signed has expired.
/// </summary>
internal sealed partial class SigningKeyRing(IAccessStore store, IChangeFeed feed, IOptions<AuthSettings> options, TimeProvider time, ILogger<SigningKeyRing> logger)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    private static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile KeySet? _keys;
    private long _lastReloadTicks;

    private sealed record KeySet(SigningCredentials Signing, Dictionary<string, SecurityKey> ByKeyId, IReadOnlyList<SigningKeyRecord> Records);

    private AuthSettings Settings => options.Value;

    /// <summary>The key new tokens are signed with.</summary>
    public SigningCredentials Current => (_keys ?? throw new InvalidOperationException("Signing keys are not loaded yet.")).Signing;

    /// <summary>The stored keys, oldest first (without the settings file key).</summary>
    public IReadOnlyList<SigningKeyRecord> Records => _keys?.Records ?? [];

    /// <summary>Makes sure a signing key exists (generating the first one) and loads every key.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (Settings.SigningKeyPath is null && !(await store.ListSigningKeysAsync(ct)).Any(k => k.RetiredAt is null))
        {
            if (await store.AddSigningKeyAsync(Generate(), retireOthers: false, ct))
            {
                LogKeyGenerated(logger);
            }
        }

        await ReloadAsync(ct);
    }

    /// <summary>Signs from now on with a new key; tokens signed with the old ones stay valid until they expire.</summary>
    public async Task<SigningKeyRecord> RotateAsync(Actor actor, CancellationToken ct)
    {
        SigningKeyRecord key = Generate();
        await feed.RecordAsync(
            async c =>
            {
                await store.AddSigningKeyAsync(key, retireOthers: true, c);
                return true;
            },
            _ => [new SigningKeyRotated(actor, key.CreatedAt, key.KeyId)],
            ct);
        await ReloadAsync(ct);
        return key;
    }

    /// <summary>
    /// The validation keys for a <c>kid</c>. An unknown kid may come from a key another node just rotated in, so the
    /// keys are reloaded once (at most once a second) before giving up.
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        if (keyId is null)
        {
            return [];
        }

        if (_keys?.ByKeyId.TryGetValue(keyId, out SecurityKey? key) == true)
        {
            return [key];
        }

        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastReloadTicks);
        if (time.GetElapsedTime(last, now) < MinReloadInterval)
        {
            return [];
        }

        // The resolver is synchronous (a JwtBearer callback); this path runs only for a kid this node has never seen.
        ReloadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return _keys?.ByKeyId.TryGetValue(keyId, out key) == true ? [key] : [];
    }

    /// <summary>Reads the keys again (another node may have rotated them).</summary>
    public async ValueTask ReloadAsync(CancellationToken ct)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            Interlocked.Exchange(ref _lastReloadTicks, time.GetTimestamp());
            IReadOnlyList<SigningKeyRecord> records = await store.ListSigningKeysAsync(ct);
            DateTimeOffset now = time.GetUtcNow();
            TimeSpan longestToken = Settings.RefreshTokenLifetime > Settings.TokenLifetime ? Settings.RefreshTokenLifetime : Settings.TokenLifetime;
            var byKeyId = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
            SecurityKey? signing = null;
            foreach (SigningKeyRecord record in records)
            {
                if (record.RetiredAt is { } retired && retired + longestToken < now)
                {
                    continue;
                }

                SecurityKey key = byKeyId.TryGetValue(record.KeyId, out SecurityKey? known) ? known : ToSecurityKey(record);
                byKeyId[record.KeyId] = key;
                if (record.RetiredAt is null)
                {
                    signing = key;
                }
            }

            if (Settings.SigningKeyPath is { } path)
            {
                signing = LoadPem(path);
                byKeyId[signing.KeyId] = signing;
            }

            if (signing is null)
            {
                throw new InvalidOperationException("No active token signing key is stored; restart a node to generate one.");
            }

            _keys = new KeySet(new SigningCredentials(signing, Algorithm), byKeyId, records);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private SigningKeyRecord Generate()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new SigningKeyRecord(KeyIdOf(ecdsa), "ES256", ecdsa.ExportPkcs8PrivateKey(), time.GetUtcNow(), null);
    }

    private static SecurityKey ToSecurityKey(SigningKeyRecord record)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(record.PrivateKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = record.KeyId };
    }

    private static SecurityKey LoadPem(string path)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(path));
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Registry:Auth:SigningKeyPath '{path}' must hold an EC P-256 private key.");
        }

        return new ECDsaSecurityKey(ecdsa) { KeyId = KeyIdOf(ecdsa) };
    }

    /// <summary>A key id derived from the public key: the first 96 bits of its SHA-256, base64url.</summary>
    private static string KeyIdOf(ECDsa ecdsa)
        => Base64UrlEncoder.Encode(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 12).ToArray());

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Generated the token signing key")]
    private static partial void LogKeyGenerated(ILogger logger);
}
