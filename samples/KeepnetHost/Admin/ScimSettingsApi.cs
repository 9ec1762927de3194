using KeepnetHost.Data;
using KeepnetHost.Scim;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Admin;

/// <summary>SCIM settings: create (the token is shown once), list, get, rename, delete, revoke.</summary>
internal static class ScimSettingsApi
{
    public static async Task<IResult> CreateAsync(string companyId, SettingInput request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var (setting, token, problem) = await AdminCommands.CreateSettingAsync(db, companyId, request, cancellationToken);
        if (setting is null)
        {
            return AdminApi.Problem(problem!);
        }

        var view = View(setting, await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken));
        return Results.Created($"/api/companies/{companyId}/scim-settings/{setting.Id}", view with { Token = token });
    }

    public static async Task<IResult> ListAsync(string companyId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return AdminApi.CompanyNotFound(companyId);
        }

        var fields = await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken);
        var settings = await db.ScimSettings.AsNoTracking().Include(s => s.FieldMappings).Where(s => s.CompanyId == companyId)
            .OrderBy(s => s.Created).ToListAsync(cancellationToken);
        return Results.Ok(settings.Select(s => View(s, fields)));
    }

    public static async Task<IResult> GetAsync(string companyId, string settingId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var setting = await db.ScimSettings.AsNoTracking().Include(s => s.FieldMappings)
            .FirstOrDefaultAsync(s => s.Id == settingId && s.CompanyId == companyId, cancellationToken);
        return setting is null
            ? NotFound(companyId, settingId)
            : Results.Ok(View(setting, await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken)));
    }

    /// <summary>PUT changes only the name, as on the platform.</summary>
    public static async Task<IResult> RenameAsync(string companyId, string settingId, SettingInput request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var setting = await db.ScimSettings.Include(s => s.FieldMappings).FirstOrDefaultAsync(s => s.Id == settingId && s.CompanyId == companyId, cancellationToken);
        if (setting is null)
        {
            return NotFound(companyId, settingId);
        }

        if (AdminCommands.SettingNameProblem(request.Name) is { } nameProblem)
        {
            return AdminApi.Problem(nameProblem);
        }

        if (await AdminCommands.SettingNameTakenAsync(db, companyId, request.Name!, settingId, cancellationToken))
        {
            return AdminApi.Problem(StatusCodes.Status409Conflict, $"The company already has a SCIM setting named '{request.Name!.Trim()}'.");
        }

        setting.Name = request.Name!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(View(setting, await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken)));
    }

    public static async Task<IResult> DeleteAsync(string companyId, string settingId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.WriteAsync(ct => db.ScimSettings.Where(s => s.Id == settingId && s.CompanyId == companyId).ExecuteDeleteAsync(ct), cancellationToken);
        return deleted == 0 ? NotFound(companyId, settingId) : Results.NoContent();
    }

    /// <summary>Issues a new token; the old one stops working with this write.</summary>
    public static async Task<IResult> RevokeAsync(string companyId, string settingId, KeepnetDbContext db, CancellationToken cancellationToken) =>
        await AdminCommands.RevokeTokenAsync(db, companyId, settingId, cancellationToken) is { } token
            ? Results.Ok(new { token })
            : NotFound(companyId, settingId);

    /// <summary>The setting's recent SCIM requests, failures first (see <see cref="ProvisioningLog"/>).</summary>
    public static async Task<IResult> LogAsync(string companyId, string settingId, KeepnetDbContext db, ProvisioningLogBook log, CancellationToken cancellationToken)
    {
        if (!await db.ScimSettings.AnyAsync(s => s.Id == settingId && s.CompanyId == companyId, cancellationToken))
        {
            return NotFound(companyId, settingId);
        }

        var entries = await log.ReadAsync(db, settingId, 1000, cancellationToken);
        return Results.Ok(entries.Select(e => new
        {
            time = new DateTimeOffset(e.Time, TimeSpan.Zero),
            method = e.Method,
            path = e.Path,
            resource = e.Resource,
            status = e.Status,
            scimType = e.ScimType,
            detail = e.Detail,
        }));
    }

    private static IResult NotFound(string companyId, string settingId) =>
        AdminApi.Problem(StatusCodes.Status404NotFound, $"Company '{companyId}' has no SCIM setting '{settingId}'.");

    private static SettingView View(ScimSetting setting, List<CustomField> fields) => new(
        setting.Id,
        setting.Name,
        [.. setting.FieldMappings.Select(m => new MappingView(m.ScimPath, fields.FirstOrDefault(f => f.Id == m.CustomFieldId)?.Name ?? m.CustomFieldId))],
        setting.GroupName,
        setting.GroupBy,
        setting.SyncPlatformGroup,
        null);

    private sealed record MappingView(string ScimPath, string CustomField);

    private sealed record SettingView(string Id, string Name, List<MappingView> FieldMappings, string? GroupName, string? GroupBy, bool SyncPlatformGroup, string? Token);
}
