using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Registry.Api.Settings;

/// <summary>
/// Registers one area's settings: bound from its configuration section (<c>Registry:Gc</c>, ...), checked when the
/// registry starts by the area's source-generated validator (<c>[OptionsValidator]</c>, the data annotations of the
/// settings and of the nested objects marked <c>[ValidateObjectMembers]</c>), so a bad value stops start-up with a
/// message naming the setting as it is configured (<c>Registry:Gc:Interval</c>).
/// </summary>
internal static partial class SettingsRegistration
{
    public static OptionsBuilder<TSettings> AddSettings<TSettings, TValidator>(this IServiceCollection services, string section)
        where TSettings : class
        where TValidator : class, IValidateOptions<TSettings>, new()
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>>(new SectionValidation<TSettings>(section, new TValidator())));
        return services.AddOptions<TSettings>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>An area's settings that carry no constraints of their own (or whose area adds its checks with <c>Validate</c>).</summary>
    public static OptionsBuilder<TSettings> AddSettings<TSettings>(this IServiceCollection services, string section)
        where TSettings : class
        => services.AddOptions<TSettings>().BindConfiguration(section).ValidateOnStart();

    /// <summary>The generated validator names a member <c>Registry:Gc.Interval</c>; configuration spells it <c>Registry:Gc:Interval</c>.</summary>
    internal static string AsConfigurationKeys(string failure) => MemberPath().Replace(failure, m => m.Value.Replace('.', ':'));

    [GeneratedRegex(@"Registry(:[A-Za-z0-9]+)+(\.[A-Za-z0-9]+)+")]
    private static partial Regex MemberPath();

    private sealed class SectionValidation<TSettings>(string section, IValidateOptions<TSettings> generated) : IValidateOptions<TSettings>
        where TSettings : class
    {
        public ValidateOptionsResult Validate(string? name, TSettings options)
        {
            ValidateOptionsResult result = generated.Validate(section, options);
            return result.Failed ? ValidateOptionsResult.Fail(result.Failures!.Select(AsConfigurationKeys)) : result;
        }
    }
}
