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
/// <see cref="SettingCache.Lifetime"/>). The token is never logged.
/// </summary>
public sealed class ScimTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeepnetDbContext db, SettingCache cache)
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
        var caller = await cache.CallerAsync(hash, async () =>
        {
            var setting = await db.ScimSettings.AsNoTracking()
                .Where(s => s.TokenHash == hash)
                .Select(s => new { s.Id, s.CompanyId, s.TokenHash })
                .FirstOrDefaultAsync(Context.RequestAborted);

            // The lookup is by hash; the constant-time comparison keeps the check itself free of timing differences.
            return setting is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(setting.TokenHash, hash)
                ? new ScimCaller(setting.CompanyId, setting.Id)
                : null;
        });
        if (caller is null)
        {
            return AuthenticateResult.Fail("The SCIM token is not valid.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ScimCaller.CompanyClaim, caller.CompanyId), new Claim(ScimCaller.SettingClaim, caller.SettingId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return Task.CompletedTask;
    }
}
