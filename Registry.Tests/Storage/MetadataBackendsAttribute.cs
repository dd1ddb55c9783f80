using System.Reflection;
using Xunit.Sdk;

namespace Registry.Tests.Storage;

/// <summary>
/// Runs a theory once per <see cref="MetadataBackend"/>, the backend as its first argument followed by
/// <paramref name="data"/> (one attribute per row, like <c>InlineData</c>). The rows are serializable, so every
/// backend is a test case of its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class MetadataBackendsAttribute(params object?[] data) : DataAttribute
{
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod)
        => Enum.GetValues<MetadataBackend>().Select(backend => (object?[])[backend, .. data]);
}
