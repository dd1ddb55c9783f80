using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Registry.Api.Replication;
using Registry.Api.Upstream;
using Registry.Core.Access;
using Registry.Core.Changes;
using Registry.Core.Replication;
using Registry.Storage.Metadata.Sqlite;
using Registry.Tests.Support;

namespace Registry.Tests.Core.Replication;

/// <summary>
/// <see cref="ReplicationService"/>'s rules against a real (SQLite) store: the password encrypted and announced
/// never; every input checked with the field at fault; updates keep what they do not name; global admins only.
/// </summary>
public sealed class ReplicationServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Actor Root = new(ActorKind.User, "root");
    private static readonly Permissions Admin = Permissions.ForUser("root", [new RoleGrant("root", AccessScope.Global, Role.Admin, Start, "root")], []);
    private static readonly Permissions Nobody = Permissions.ForUser("bob", [], []);
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-replication-rules-").FullName;
    private readonly ManualClock _clock = new(Start);
    private readonly SqliteMetadataStore _store;
    private readonly RecordingChangeFeed _feed = new();
    private readonly DataProtectionCredentialProtector _protector = new(new EphemeralDataProtectionProvider());
    private readonly ReplicationService _service;

    public ReplicationServiceTests()
    {
        _store = new SqliteMetadataStore(new SqliteConnectionFactory(Options.Create(new SqliteMetadataOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "r.db")}" })), _clock);
        _service = new ReplicationService(_store, _feed, _protector, new QuartzScheduleCheck(), _clock);
    }

    public async Task InitializeAsync() => await _store.MigrateAsync(None);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static ReplicationRuleInput Rule(string name = "dr") => new() { Name = name, Url = "https://dr.example.com:5443" };

    private async Task<ReplicationRule> CreateAsync(ReplicationRuleInput input)
    {
        (ReplicationChangeResult result, ReplicationRule? rule) = await _service.CreateAsync(Root, Admin, input, None);
        Assert.True(result.Succeeded, result.Message);
        return rule!;
    }

    [Fact]
    public async Task Create_StoresThePasswordEncrypted_AndAnnouncesTheRule_NeverThePassword()
    {
        ReplicationRule created = await CreateAsync(Rule() with
        {
            Username = "robot",
            Password = "pa55-word",
            Filter = new ReplicationFilterInput(["team/**"], ["v*", "regex:^rc-[0-9]+$"], ">=1.0.0 <2", true),
            Mapping = new NamespaceMappingInput("prefix", "team", "dr/team"),
            Triggers = new ReplicationTriggersInput(true, "0 0 3 * * ?", false),
            Overwrite = true,
        });

        ReplicationRule stored = (await _store.GetReplicationRuleAsync("dr", None))!;
        Assert.Equal("robot", stored.Peer.Username);
        Assert.NotNull(stored.Peer.ProtectedPassword);
        Assert.DoesNotContain("pa55-word", stored.Peer.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal("pa55-word", _service.PasswordOf(stored));
        Assert.Equal(["team/**"], stored.Filter.Repositories.Select(r => r.Text));
        Assert.Equal(["v*", "regex:^rc-[0-9]+$"], stored.Filter.Tags.Select(t => t.Text));
        Assert.True(stored.Filter.TakesTag("v1.4.0"));
        Assert.False(stored.Filter.TakesTag("v2.0.0"));
        Assert.True(stored.Filter.IncludeUntagged);
        Assert.Equal(new NamespaceMapping(NamespaceMappingMode.Prefix, "team", "dr/team"), stored.Mapping);
        Assert.Equal(new ReplicationTriggers(true, "0 0 3 * * ?", false), stored.Triggers);
        Assert.True(stored.Overwrite);
        Assert.False(stored.PropagateDeletes);
        Assert.True(stored.Enabled);
        Assert.Equal(("root", Start, Start), (stored.CreatedBy, stored.CreatedAt, stored.UpdatedAt));
        Assert.Equal(created.Describe(), stored.Describe());

        ReplicationRuleChanged change = Assert.IsType<ReplicationRuleChanged>(Assert.Single(_feed.Changes));
        Assert.Equal(ReplicationRuleChange.Created, change.Kind);
        Assert.Contains("push to https://dr.example.com:5443 as robot", change.Rule.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("pa55-word", change.Rule.Describe(), StringComparison.Ordinal);
    }

    public static TheoryData<string, ReplicationRuleInput> InvalidInputs => new()
    {
        { "name", Rule("Upper") },
        { "name", Rule("-dash") },
        { "registry.url", Rule() with { Url = null } },
        { "registry.url", Rule() with { Url = "ftp://x.example.com" } },
        { "registry.url", Rule() with { Url = "https://u:p@x.example.com" } },
        { "registry.url", Rule() with { Url = "https://x.example.com/v2/" } },
        { "registry.password", Rule() with { Password = "secret" } },
        { "registry.username", Rule() with { Username = "a:b", Password = "secret" } },
        { "direction", Rule() with { Direction = "sideways" } },
        { "filter", Rule() with { Filter = new ReplicationFilterInput(["Team/*"], null, null, false) } },
        { "filter", Rule() with { Filter = new ReplicationFilterInput(null, ["regex:("], null, false) } },
        { "filter", Rule() with { Filter = new ReplicationFilterInput(null, null, ">=banana", false) } },
        { "mapping", Rule() with { Mapping = new NamespaceMappingInput("rename", null, null) } },
        { "mapping", Rule() with { Mapping = new NamespaceMappingInput("prefix", null, null) } },
        { "mapping", Rule() with { Mapping = new NamespaceMappingInput("prefix", "Team", "x") } },
        { "mapping", Rule() with { Mapping = new NamespaceMappingInput("flatten", "team", null) } },
        { "triggers.cron", Rule() with { Triggers = new ReplicationTriggersInput(false, "every night", null) } },
        { "triggers.onPush", Rule() with { Direction = "pull", Triggers = new ReplicationTriggersInput(true, null, null) } },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Create_WithAnInvalidInput_IsRefused_NamingTheField_AndStoresNothing(string field, ReplicationRuleInput input)
    {
        (ReplicationChangeResult result, ReplicationRule? rule) = await _service.CreateAsync(Root, Admin, input, None);

        Assert.Null(rule);
        Assert.Equal((ReplicationChangeStatus.Invalid, field), (result.Status, result.Field));
        Assert.Empty(await _store.ListReplicationRulesAsync(None));
        Assert.Empty(_feed.Changes);
    }

    [Fact]
    public async Task Update_KeepsWhatItDoesNotName_ReplacesOrRemovesThePassword_AndNeverRenames()
    {
        await CreateAsync(Rule() with { Username = "robot", Password = "first", Filter = new ReplicationFilterInput(["team/*"], null, null, false) });
        _clock.Advance(TimeSpan.FromMinutes(5));

        (ReplicationChangeResult result, ReplicationRule? changed) = await _service.UpdateAsync(Root, Admin, "dr", new ReplicationRuleInput { Enabled = false, Password = "second" }, None);
        Assert.True(result.Succeeded, result.Message);
        Assert.False(changed!.Enabled);
        Assert.Equal(["team/*"], changed.Filter.Repositories.Select(r => r.Text));
        Assert.Equal("second", _service.PasswordOf((await _store.GetReplicationRuleAsync("dr", None))!));
        Assert.Equal((Start, Start.AddMinutes(5)), (changed.CreatedAt, changed.UpdatedAt));
        Assert.True(Assert.IsType<ReplicationRuleChanged>(_feed.Changes[^1]).PasswordChanged);

        (result, changed) = await _service.UpdateAsync(Root, Admin, "dr", new ReplicationRuleInput { Username = string.Empty }, None);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(new ReplicationPeer(new Uri("https://dr.example.com:5443"), null, null), (await _store.GetReplicationRuleAsync("dr", None))!.Peer);

        (result, _) = await _service.UpdateAsync(Root, Admin, "dr", new ReplicationRuleInput { Name = "other" }, None);
        Assert.Equal((ReplicationChangeStatus.Invalid, "name"), (result.Status, result.Field));
        (result, _) = await _service.UpdateAsync(Root, Admin, "missing", new ReplicationRuleInput { Enabled = true }, None);
        Assert.Equal(ReplicationChangeStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task TakenNames_NonAdmins_AndDeletes_FollowTheRules()
    {
        await CreateAsync(Rule());

        Assert.Equal(ReplicationChangeStatus.Conflict, (await _service.CreateAsync(Root, Admin, Rule(), None)).Result.Status);
        Assert.Equal(ReplicationChangeStatus.Denied, (await _service.CreateAsync(Root, Nobody, Rule("x"), None)).Result.Status);
        Assert.Equal(ReplicationChangeStatus.Denied, (await _service.UpdateAsync(Root, Nobody, "dr", new ReplicationRuleInput(), None)).Result.Status);
        Assert.Equal(ReplicationChangeStatus.Denied, (await _service.DeleteAsync(Root, Nobody, "dr", None)).Status);

        Assert.True((await _service.DeleteAsync(Root, Admin, "dr", None)).Succeeded);
        Assert.Equal(ReplicationChangeStatus.NotFound, (await _service.DeleteAsync(Root, Admin, "dr", None)).Status);
        Assert.Empty(await _store.ListReplicationRulesAsync(None));
        Assert.Equal([ReplicationRuleChange.Created, ReplicationRuleChange.Deleted], _feed.Changes.OfType<ReplicationRuleChanged>().Select(c => c.Kind));
    }
}
