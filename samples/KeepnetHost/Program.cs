using KeepnetHost.Admin;
using KeepnetHost.AdminConsole;
using KeepnetHost.Data;
using KeepnetHost.LoadTest;
using KeepnetHost.Platform;
using KeepnetHost.Scim;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Scim.AspNetCore;

// KeepnetHost: the security-awareness platform that Microsoft Entra ID provisions into over SCIM.
var builder = WebApplication.CreateBuilder(args);
builder.AddKeepnetStorage();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CountryTimeZones>();
builder.Services.AddSingleton<PlatformRules>();
builder.Services.AddSingleton<AdminKey>();
builder.Services.AddSingleton<SettingCache>();
builder.Services.AddAuthentication(ScimTokenAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ScimTokenAuthentication>(ScimTokenAuthentication.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddScim(o => o.MapException = DatabaseOutage.ToScimError).AddStore<KeepnetResourceStore>();
builder.Services.AddScimRateLimiting(builder.Configuration);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddSingleton<ProvisioningLogBook>().AddHostedService(s => s.GetRequiredService<ProvisioningLogBook>());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.AddAdminConsole();

var app = builder.Build();
await app.InitializeKeepnetStorageAsync();

var retryAfter = app.Services.GetRequiredService<IOptions<ScimOptions>>().Value.UnavailableRetryAfter;
app.UseAdminApiErrors(retryAfter);
// Every SCIM request's outcome, per setting, for the console's provisioning log (the rate limiter's 429s included).
app.UseWhen(c => c.Request.Path.StartsWithSegments("/scim"), scim =>
{
    scim.UseMiddleware<ProvisioningLog>();
    // A database outage met before the endpoint (the token lookup) is a SCIM 503 too.
    scim.UseDatabaseOutageAnswer(retryAfter);
});
// A changed setting or a revoked token applies to the next SCIM request on this host.
SettingCache.ClearOnAdminWrites(app);
app.UseAdminConsoleHeaders();
app.UseStaticFiles();
app.UseAuthentication();
// Before authorization, so a request with a bad token is limited too (by client address) before it is refused.
app.UseRateLimiter();
app.UseAuthorization();

// The Tenant URL a customer pastes into Entra ID: https://<host>/scim. The bearer token alone picks the company and setting.
// The policy names no scheme: the SCIM token's is the default, which UseAuthentication has already run for the rate
// limiter (a scheme named here is run a second time and its principal merged, on every SCIM request).
app.MapScim("/scim")
    .RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .RequireRateLimiting(ScimRateLimiting.Policy);
app.MapAdminApi();
app.MapHealthChecks("/healthz");
app.MapAdminConsole();
await app.MapLoadTestAsync();
app.MapGet("/", () => "KeepnetHost: SCIM at /scim (bearer token of a SCIM setting), admin API at /api (X-Api-Key), health at /healthz.");

app.Run();

/// <summary>The host's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;
