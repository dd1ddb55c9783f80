using System.Reflection;
using Xunit.Sdk;

namespace Registry.Tests.Storage;

/// <summary>
/// Runs a theory once per <see cref="BlobBackend"/> (every backend, or only <paramref name="only"/>), the backend as
/// its only argument. The rows are serializable, so every backend is a test case of its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BlobBackendsAttribute(params BlobBackend[] only) : DataAttribute
{
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod)
        => (only.Length > 0 ? only : Enum.GetValues<BlobBackend>()).Select(backend => new object?[] { backend });
}
