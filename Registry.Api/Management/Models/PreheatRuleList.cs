namespace Registry.Api.Management.Models;

internal sealed record PreheatRuleList(IReadOnlyList<PreheatRuleModel> Rules);
