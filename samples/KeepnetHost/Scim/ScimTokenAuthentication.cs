using System.Security.Claims;
using System.Text.Encodings.Web;
using KeepnetHost.Data;
using KeepnetHost.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeepnetHost.Scim;

/// <summary>
/// Authenticates a SCIM request by its bearer token alone: the token's hash finds the SCIM setting, and with it the
/// company. A revoked token's hash is gone, so it stops working at once (on other hosts of the same database within
/// <see cref="ScimTokenCache.Lifetime"/>). The token is never logged.
/// </summary>
public sealed class ScimTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeepnetDbContext db, ScimTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = SecretTokens.Hash(header[7..]);
        if (!cache.TryGet(hash, out var companyId, out var settingId))
        {
            var setting = await db.ScimSettings.AsNoTracking()
                .Where(s => s.TokenHash == hash)
                .Select(s => new { s.Id, s.CompanyId, s.TokenHash })
                .FirstOrDefaultAsync(Context.RequestAborted);

            // The lookup is by hash; the constant-time comparison keeps the check itself free of timing differences.
            if (setting is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(setting.TokenHash, hash))
            {
                return AuthenticateResult.Fail("The SCIM token is not valid.");
            }

            (companyId, settingId) = (setting.CompanyId, setting.Id);
            cache.Add(hash, companyId, settingId);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ScimCaller.CompanyClaim, companyId), new Claim(ScimCaller.SettingClaim, settingId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return Task.CompletedTask;
    }
}
