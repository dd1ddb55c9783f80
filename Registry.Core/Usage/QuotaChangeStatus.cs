namespace Registry.Core.Usage;

public enum QuotaChangeStatus
{
    Done,
    Denied,
    Invalid,
    NotFound,
}
