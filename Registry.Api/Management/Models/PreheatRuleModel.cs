using Registry.Core.Preheat;

namespace Registry.Api.Management.Models;

internal sealed record PreheatRuleModel(string Name, string Repository, string Tag, IReadOnlyList<string> Edges, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PreheatRuleModel From(PreheatRule rule) => new(rule.Name, rule.Repository, rule.TagPattern, rule.Edges, rule.CreatedAt, rule.CreatedBy);
}
