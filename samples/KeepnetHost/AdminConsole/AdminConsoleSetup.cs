using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KeepnetHost.AdminConsole;

/// <summary>
/// The admin console under <c>/console</c>: Razor Pages behind a sign-in with the admin key (a cookie with a sliding
/// 30-minute expiry; an expired or absent one goes back to the sign-in page), anti-forgery on every form (the Razor
/// Pages default), and security headers on every console response.
/// </summary>
public static class AdminConsoleSetup
{
    public const string Scheme = "Console";
    public const string Policy = "console";
    public const string SignInPath = "/console/sign-in";

    /// <summary>No inline script or style anywhere: scripts and styles come from the host's own static files.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Console:SignInMinutes", 30));
            options.SlidingExpiration = true;
            options.Cookie.Name = "keepnet.console";
            options.Cookie.Path = "/console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", Policy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
        }).WithRazorPagesRoot("/AdminConsole");
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "keepnet.console.af";
            options.Cookie.Path = "/console";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>Security headers on everything under <c>/console</c>; call before the console's static files and pages.</summary>
    public static IApplicationBuilder UseAdminConsoleHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/console"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/console/assets"))
            {
                // Pages may show a token once: no cache keeps them.
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
        }

        await next(context);
    });

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Signs the operator in: the cookie says only that the admin key was given.</summary>
    public static Task SignInAsync(HttpContext context) => context.SignInAsync(Scheme,
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], Scheme)),
        new AuthenticationProperties { IsPersistent = false });
}
