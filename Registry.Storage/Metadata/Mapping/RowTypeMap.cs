using System.Reflection;
using Dapper;

namespace Registry.Storage.Metadata.Mapping;

/// <summary>
/// Dapper's type map for the metadata rows of both dialects. Dapper picks a row's constructor by the column types the
/// driver reports, but SQLite reports a computed column of an empty result (or a NULL aggregate) as a blob and
/// PostgreSQL reports aggregates as numeric/bigint; this map picks the constructor by its parameter names alone, and
/// Dapper then converts each value at run time to the parameter's type.
/// </summary>
internal sealed class RowTypeMap(Type type) : SqlMapper.ITypeMap
{
    private readonly DefaultTypeMap _default = new(type);

    public ConstructorInfo? FindConstructor(string[] names, Type[] types)
        => _default.FindConstructor(names, types) ?? type
            .GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .FirstOrDefault(c => Matches(c.GetParameters(), names));

    public ConstructorInfo? FindExplicitConstructor() => _default.FindExplicitConstructor();

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName)
        => _default.GetConstructorParameter(constructor, columnName);

    public SqlMapper.IMemberMap? GetMember(string columnName) => _default.GetMember(columnName);

    private static bool Matches(ParameterInfo[] parameters, string[] names)
        => parameters.Length == names.Length
            && parameters.Zip(names).All(p => string.Equals(p.First.Name, p.Second.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
}
