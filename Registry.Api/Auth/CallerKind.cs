namespace Registry.Api.Auth;

internal enum CallerKind
{
    Anonymous,
    User,
    CiToken,
}
