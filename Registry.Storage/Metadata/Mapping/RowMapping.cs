using Dapper;

namespace Registry.Storage.Metadata.Mapping;

/// <summary>Registers <see cref="RowTypeMap"/> for every row record of the metadata stores, once per process.</summary>
internal static class RowMapping
{
    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureRegistered() => _ = Registered.Value;

    private static bool Register()
    {
        foreach (Type row in typeof(RowMapping).Assembly.GetTypes().Where(IsRow))
        {
            SqlMapper.SetTypeMap(row, new RowTypeMap(row));
        }

        return true;
    }

    private static bool IsRow(Type t)
        => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && t.Namespace?.StartsWith("Registry.Storage.Metadata", StringComparison.Ordinal) == true
            && t.GetConstructor(Type.EmptyTypes) is null
            && t.GetConstructors().Any(c => c.GetParameters().Length > 0)
            && t.Name.EndsWith("Row", StringComparison.Ordinal);
}
