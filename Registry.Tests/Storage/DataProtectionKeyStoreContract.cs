using Registry.Core.Access;
using Registry.Core.Storage;

namespace Registry.Tests.Storage;

/// <summary>What every Data Protection key store must do, written once; every test runs on each <see cref="MetadataBackend"/>.</summary>
public sealed class DataProtectionKeyStoreContract : BackendContract<IMetadataStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory, MetadataBackends]
    public async Task FreshStore_HasNoKeys(MetadataBackend backend)
    {
        var keys = (IDataProtectionKeyStore)await CreateStoreAsync(backend);

        Assert.Empty(await keys.ListDataProtectionKeysAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task AddedKeys_AreListedOldestFirst_WithTheirXml(MetadataBackend backend)
    {
        var keys = (IDataProtectionKeyStore)await CreateStoreAsync(backend);

        Assert.True(await keys.AddDataProtectionKeyAsync(new DataProtectionKeyRecord("key-b", "<key id=\"b\"/>", At), None));
        Assert.True(await keys.AddDataProtectionKeyAsync(new DataProtectionKeyRecord("key-a", "<key id=\"a\">ü</key>", At.AddDays(1)), None));

        Assert.Equal(
            [new DataProtectionKeyRecord("key-b", "<key id=\"b\"/>", At), new DataProtectionKeyRecord("key-a", "<key id=\"a\">ü</key>", At.AddDays(1))],
            await keys.ListDataProtectionKeysAsync(None));
    }

    [Theory, MetadataBackends]
    public async Task AddingANameTwice_KeepsTheFirstElement(MetadataBackend backend)
    {
        var keys = (IDataProtectionKeyStore)await CreateStoreAsync(backend);
        await keys.AddDataProtectionKeyAsync(new DataProtectionKeyRecord("key-1", "<first/>", At), None);

        Assert.False(await keys.AddDataProtectionKeyAsync(new DataProtectionKeyRecord("key-1", "<second/>", At), None));

        Assert.Equal("<first/>", Assert.Single(await keys.ListDataProtectionKeysAsync(None)).Xml);
    }
}
