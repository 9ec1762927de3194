using System.Security.Claims;
using Scim.Core.Stores;

namespace KeepnetHost.Scim;

/// <summary>Who a SCIM request is for: the company and the SCIM setting its bearer token belongs to.</summary>
public sealed record ScimCaller(string CompanyId, string SettingId)
{
    public const string CompanyClaim = "keepnet:company";
    public const string SettingClaim = "keepnet:setting";

    public static ScimCaller Of(StoreContext context) => Of(context.Principal);

    public static ScimCaller Of(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(CompanyClaim) ?? throw new InvalidOperationException("The SCIM request was not authenticated with a setting token."),
        principal.FindFirstValue(SettingClaim) ?? throw new InvalidOperationException("The SCIM request was not authenticated with a setting token."));
}
