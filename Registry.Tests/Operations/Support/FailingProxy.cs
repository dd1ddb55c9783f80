using System.Reflection;

namespace Registry.Tests.Operations;

/// <summary>
/// A stand-in for a store interface: every method fails (or, with <see cref="Hang"/>, never completes) except
/// those named in <see cref="Passing"/>, which complete at once with a default result.
/// </summary>
public class FailingProxy : DispatchProxy
{
    public HashSet<string> Passing { get; } = new(StringComparer.Ordinal);

    public bool Hang { get; set; }

    public static T Create<T>(bool hang = false, params string[] passing)
        where T : class
    {
        T proxy = Create<T, FailingProxy>();
        var self = (FailingProxy)(object)proxy;
        self.Hang = hang;
        self.Passing.UnionWith(passing);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Type returnType = targetMethod.ReturnType;
        if (Passing.Contains(targetMethod.Name))
        {
            return returnType == typeof(ValueTask) ? ValueTask.CompletedTask
                : returnType == typeof(ValueTask<Registry.Core.Storage.MigrationReport>) ? ValueTask.FromResult(new Registry.Core.Storage.MigrationReport([], 0))
                : null;
        }

        if (Hang && returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            // new ValueTask<T>(Task<T>) over a task that never completes.
            Type result = returnType.GetGenericArguments()[0];
            object source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result))!;
            object task = source.GetType().GetProperty("Task")!.GetValue(source)!;
            return Activator.CreateInstance(returnType, task);
        }

        throw new IOException($"{targetMethod.Name}: the store is unreachable (test double)");
    }
}
