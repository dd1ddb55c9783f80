using System.Reflection;
using NetArchTest.Rules;

namespace Registry.Tests.Architecture;

/// <summary>
/// Dependencies point one way (Api → Storage → Core), and Core knows no HTTP, SQL or AWS: its services are pure
/// rules, testable without a server, a database or an object store.
/// </summary>
public sealed class LayerTests
{
    internal static readonly Assembly Core = typeof(Registry.Core.Primitives.Digest).Assembly;
    internal static readonly Assembly Storage = typeof(Registry.Storage.Metadata.Sqlite.SqliteMetadataStore).Assembly;
    internal static readonly Assembly Api = typeof(Program).Assembly;

    [Fact]
    public void Core_ReferencesNoWebSqlOrAwsLibrary()
    {
        string[] forbidden =
        [
            "Microsoft.AspNetCore", "Microsoft.Extensions.Http", "System.Net.Http", "Microsoft.Data.Sqlite", "Npgsql", "Dapper",
            "System.Data", "Amazon", "Registry.Storage", "Registry.Api",
        ];

        TestResult result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, "Registry.Core types that depend on " + string.Join(", ", forbidden) + ": " + Failing(result));
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => forbidden.Any(f => a.Name!.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Storage_DoesNotDependOnTheApi()
    {
        TestResult result = Types.InAssembly(Storage).ShouldNot().HaveDependencyOnAny("Registry.Api", "Microsoft.AspNetCore").GetResult();

        Assert.True(result.IsSuccessful, "Registry.Storage types that depend on the API or ASP.NET Core: " + Failing(result));
    }

    internal static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
