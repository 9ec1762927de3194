using KeepnetHost.Data;
using KeepnetHost.Platform;
using KeepnetHost.Scim;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Admin;

/// <summary>
/// The operator's JSON API under <c>/api</c> (header <c>X-Api-Key</c>): companies, custom fields, SCIM settings with
/// their tokens, and read-only views of target users and groups. Errors are RFC 9457 problem documents.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAdminKey();

        api.MapPost("/companies", CreateCompanyAsync);
        api.MapGet("/companies", ListCompaniesAsync);
        api.MapGet("/companies/{companyId}", GetCompanyAsync);
        api.MapPut("/companies/{companyId}", UpdateCompanyAsync);
        api.MapPost("/companies/{companyId}/custom-fields", CreateCustomFieldAsync);
        api.MapGet("/companies/{companyId}/custom-fields", ListCustomFieldsAsync);
        var settings = api.MapGroup("/companies/{companyId}/scim-settings");
        settings.MapPost("", ScimSettingsApi.CreateAsync);
        settings.MapGet("", ScimSettingsApi.ListAsync);
        settings.MapGet("/{settingId}", ScimSettingsApi.GetAsync);
        settings.MapPut("/{settingId}", ScimSettingsApi.RenameAsync);
        settings.MapDelete("/{settingId}", ScimSettingsApi.DeleteAsync);
        settings.MapPost("/{settingId}/revoke", ScimSettingsApi.RevokeAsync);
        settings.MapGet("/{settingId}/log", ScimSettingsApi.LogAsync);
        api.MapGet("/companies/{companyId}/target-users", PeopleApi.ListUsersAsync);
        api.MapGet("/companies/{companyId}/groups", PeopleApi.ListGroupsAsync);
        return api;
    }

    /// <summary>
    /// Lets through only requests with the admin key in <c>X-Api-Key</c>: 401 without it, 429 with <c>Retry-After</c> once
    /// the client address has sent too many wrong keys (see <see cref="AdminKey"/>).
    /// </summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var check = http.RequestServices.GetRequiredService<AdminKey>().Check(http.Request.Headers["X-Api-Key"].FirstOrDefault(), http.Connection.RemoteIpAddress);
            if (check.IsRight)
            {
                return await next(context);
            }

            if (check.RetryAfterSeconds is { } wait)
            {
                http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(check.Refusal, statusCode: StatusCodes.Status429TooManyRequests);
            }

            return Results.Problem("Send the admin key in the X-Api-Key header.", statusCode: StatusCodes.Status401Unauthorized);
        });

    /// <summary>
    /// A request body that does not bind (JSON that does not parse, a number where text belongs) answers 400 with a
    /// problem document saying what and where, instead of minimal APIs' empty 400. Needs
    /// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>, which only the admin API's endpoints use. A database outage
    /// (down, busy, read-only, full) answers 503 with <c>Retry-After</c> and the cause, as SCIM does, not a 500.
    /// </summary>
    public static IApplicationBuilder UseAdminApiErrors(this IApplicationBuilder app, TimeSpan retryAfter) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await Results.Problem($"{e.Message} {e.InnerException?.Message}".Trim(), statusCode: e.StatusCode).ExecuteAsync(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && DatabaseOutage.ToScimError(e) is { } outage)
            {
                context.Response.Clear();
                context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds(retryAfter);
                await Results.Problem(outage.Detail, statusCode: outage.Status).ExecuteAsync(context);
            }
        }));

    internal static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);

    internal static IResult Problem(AdminProblem problem) => Problem(problem.Status, problem.Detail);

    internal static IResult CompanyNotFound(string companyId) => Problem(AdminCommands.CompanyNotFound(companyId));

    private static async Task<IResult> CreateCompanyAsync(CompanyInput request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var (company, problem) = await AdminCommands.CreateCompanyAsync(db, request, cancellationToken);
        return company is null
            ? Problem(problem!)
            : Results.Created($"/api/companies/{company.Id}", await ViewAsync(db, company, cancellationToken));
    }

    private static async Task<IResult> ListCompaniesAsync(KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var companies = await db.Companies.AsNoTracking().OrderBy(c => c.Created).ToListAsync(cancellationToken);
        var views = new List<CompanyView>();
        foreach (var company in companies)
        {
            views.Add(await ViewAsync(db, company, cancellationToken));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> GetCompanyAsync(string companyId, KeepnetDbContext db, CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken) is { } company
            ? Results.Ok(await ViewAsync(db, company, cancellationToken))
            : CompanyNotFound(companyId);

    private static async Task<IResult> UpdateCompanyAsync(string companyId, CompanyInput request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var (company, problem) = await AdminCommands.UpdateCompanyAsync(db, companyId, request, cancellationToken);
        return company is null ? Problem(problem!) : Results.Ok(await ViewAsync(db, company, cancellationToken));
    }

    private static async Task<IResult> CreateCustomFieldAsync(string companyId, CustomFieldRequest request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var (field, problem) = await AdminCommands.AddCustomFieldAsync(db, companyId, request.Name, cancellationToken);
        return field is null
            ? Problem(problem!)
            : Results.Created($"/api/companies/{companyId}/custom-fields/{field.Id}", new { id = field.Id, name = field.Name });
    }

    private static async Task<IResult> ListCustomFieldsAsync(string companyId, KeepnetDbContext db, CancellationToken cancellationToken) =>
        await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken)
            ? Results.Ok(await db.CustomFields.Where(f => f.CompanyId == companyId).OrderBy(f => f.Name)
                .Select(f => new { id = f.Id, name = f.Name }).ToListAsync(cancellationToken))
            : CompanyNotFound(companyId);

    private static async Task<CompanyView> ViewAsync(KeepnetDbContext db, Company company, CancellationToken cancellationToken)
    {
        var active = await db.Users.CountAsync(u => u.CompanyId == company.Id && u.Status == UserStatus.Active, cancellationToken);
        return new CompanyView(company.Id, company.Name, company.LicenseCount, company.LicensePolicy.ToString().ToLowerInvariant(),
            active, Math.Max(0, active - company.LicenseCount));
    }

    private sealed record CustomFieldRequest(string? Name);

    private sealed record CompanyView(string Id, string Name, int LicenseCount, string LicensePolicy, int ActiveUsers, int Overage);
}
