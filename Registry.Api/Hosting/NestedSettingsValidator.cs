using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Registry.Api.Hosting;

/// <summary>
/// Checks the data annotations of every nested settings object of the <c>Registry</c> section (ASP.NET Core's
/// <c>ValidateDataAnnotations</c> stops at the top level), so e.g. <c>Registry:Pagination:MaxPageSize=0</c> stops
/// start-up with a message naming the setting.
/// </summary>
internal sealed class NestedSettingsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        Walk(options, "Registry", failures, depth: 0);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Walk(object settings, string path, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        if (depth > 0 && !Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (depth >= 4)
        {
            return;
        }

        foreach (PropertyInfo property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Type type = property.PropertyType;
            if (property.GetIndexParameters().Length == 0 && type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Registry.", StringComparison.Ordinal) == true
                && property.GetValue(settings) is { } child)
            {
                Walk(child, $"{path}:{property.Name}", failures, depth + 1);
            }
        }
    }
}
