using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Registry.Core.Primitives;
using Registry.Core.Storage;
using Xunit.Abstractions;

namespace Registry.Tests.Storage;

/// <summary>
/// A fresh, migrated metadata store answers every read of every store contract it implements (methods named Get,
/// List, Search, Find, Is, Resolve, ...), found by reflection so that a new read is covered without editing this file:
/// no exception (an empty result or a NULL aggregate that fails to map was one), and lists empty. Arguments are names
/// that do not exist (<c>team/app</c>, <c>latest</c>, a digest of zeros, id 999999), one-element lists of those, and
/// predicates that allow everything; a read with optional (nullable) parameters is called once with them null and
/// once with them filled (filters, cursors).
/// </summary>
public sealed class FreshStoreContract(ITestOutputHelper output) : BackendContract<IMetadataStore>
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Search", "Find", "Is", "Resolve", "FolderExists", "UsedIn"];
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly string ZeroDigest = "sha256:" + new string('0', 64);

    [Theory, MetadataBackends]
    public async Task EveryRead_OfAFreshStore_AnswersEmpty(MetadataBackend backend)
    {
        IMetadataStore store = await CreateStoreAsync(backend);
        var failures = new List<string>();
        int called = 0;
        foreach (Type contract in store.GetType().GetInterfaces().Where(i => i.Namespace?.StartsWith("Registry.Core", StringComparison.Ordinal) == true).OrderBy(i => i.Name))
        {
            foreach (MethodInfo method in contract.GetMethods().Where(m => ReadPrefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal))).OrderBy(m => m.Name))
            {
                foreach (bool fillOptional in new[] { false, true })
                {
                    bool hasOptional = method.GetParameters().Any(p => IsOptional(p.ParameterType, p));
                    if (fillOptional && !hasOptional)
                    {
                        continue;
                    }

                    string label = $"{contract.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.Name))}){(fillOptional ? " with every optional argument" : "")}";
                    object?[] arguments;
                    try
                    {
                        arguments = [.. method.GetParameters().Select(p => Argument(p.ParameterType, p.Name ?? string.Empty, !fillOptional && IsOptional(p.ParameterType, p), 0))];
                    }
                    catch (NotSupportedException e)
                    {
                        failures.Add($"{label}: no argument for it ({e.Message}); teach Argument the type");
                        continue;
                    }

                    try
                    {
                        object? result = await AwaitAsync(method.Invoke(store, arguments), method.ReturnType);
                        called++;
                        output.WriteLine($"{label} -> {Describe(result)}");
                        if (Items(result) is { } items && items.Count > 0)
                        {
                            failures.Add($"{label} answered {items.Count} items on a fresh store: {string.Join(", ", items)}");
                        }
                    }
                    catch (Exception e)
                    {
                        Exception cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                        failures.Add($"{label} threw {cause.GetType().Name}: {cause.Message}");
                    }
                }
            }
        }

        Assert.True(called >= 50, $"only {called} reads were found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static object? Argument(Type type, string name, bool nullable, int depth)
    {
        string lower = name.ToLowerInvariant();
        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (nullable)
        {
            return null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
        }

        if (type == typeof(string))
        {
            return lower.Contains("digest") ? ZeroDigest
                : lower.Contains("namespace") || lower == "ns" || lower.Contains("prefix") ? "team"
                : lower.Contains("repositor") ? "team/app"
                : lower.Contains("id") ? "999999"
                : lower.Contains("path") ? "a/b.txt"
                : "missing";
        }

        if (type == typeof(RepositoryName))
        {
            return RepositoryName.Parse("team/app");
        }

        if (type == typeof(TagName))
        {
            return TagName.Parse("latest");
        }

        if (type == typeof(Digest))
        {
            return Digest.Parse(ZeroDigest);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Convert.ChangeType(lower.Contains("id") ? 999999 : 10, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return false;
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UtcNow;
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromHours(1);
        }

        if (type == typeof(UploadId))
        {
            return UploadId.New();
        }

        if (type == typeof(Registry.Core.Catalog.CatalogView))
        {
            return Registry.Core.Catalog.CatalogView.ForPrefix("team");
        }

        if (type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is { } tryParse)
        {
            object?[] parse = [Argument(typeof(string), name, false, depth + 1), null];
            return tryParse.Invoke(null, parse) is true ? parse[1] : throw new NotSupportedException($"{type.Name}.TryParse refused '{parse[0]}'");
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            MethodInfo invoke = type.GetMethod("Invoke")!;
            ParameterExpression[] parameters = [.. invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name))];
            Expression body = invoke.ReturnType == typeof(bool) ? Expression.Constant(true)
                : invoke.ReturnType == typeof(void) ? Expression.Empty() : Expression.Default(invoke.ReturnType);
            return Expression.Lambda(type, body, parameters).Compile();
        }

        if (type.IsArray || (type.IsGenericType && type.IsInterface && typeof(IEnumerable).IsAssignableFrom(type)))
        {
            Type element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            Array array = Array.CreateInstance(element, 1);
            array.SetValue(Argument(element, name, false, depth + 1), 0);
            return array;
        }

        if (depth < 3 && type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault() is { } constructor)
        {
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Argument(p.ParameterType, p.Name ?? string.Empty, IsOptional(p.ParameterType, p), depth + 1))]);
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        throw new NotSupportedException(type.Name);
    }

    /// <summary>Whether the parameter takes null (a nullable reference or value type).</summary>
    private static bool IsOptional(Type type, ParameterInfo parameter)
        => Nullable.GetUnderlyingType(type) is not null || Nullability.Create(parameter).WriteState == NullabilityState.Nullable;

    /// <summary>Awaits a ValueTask, Task or IAsyncEnumerable (drained into a list) and returns its value.</summary>
    private static async Task<object?> AwaitAsync(object? returned, Type type)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return type.IsGenericType ? type.GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var task = (Task)type.GetMethod("AsTask")!.Invoke(returned, null)!;
            await task;
            return task.GetType().GetProperty("Result")!.GetValue(task);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            var drained = (Task<List<object?>>)typeof(FreshStoreContract).GetMethod(nameof(DrainAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [returned])!;
            return await drained;
        }

        return returned;
    }

    private static async Task<List<object?>> DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<object?>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>The items of a list answer, or of the lists a page record holds; null when the answer is no list.</summary>
    private static List<object?>? Items(object? result)
    {
        if (result is null or string)
        {
            return null;
        }

        if (result is IEnumerable enumerable)
        {
            return [.. enumerable.Cast<object?>()];
        }

        List<object?>? found = null;
        foreach (PropertyInfo property in result.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.GetValue(result) is IEnumerable inner)
            {
                (found ??= []).AddRange(inner.Cast<object?>());
            }
        }

        return found;
    }

    private static string Describe(object? result) => result switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IEnumerable items => $"{items.Cast<object?>().Count()} items",
        _ => result.ToString() ?? result.GetType().Name,
    };
}
