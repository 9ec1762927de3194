using KeepnetHost.Data;
using KeepnetHost.Platform;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Paths;

namespace KeepnetHost.Admin;

/// <summary>SCIM settings: create (the token is shown once), list, get, rename, delete, revoke.</summary>
internal static class ScimSettingsApi
{
    public static async Task<IResult> CreateAsync(string companyId, SettingRequest request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return AdminApi.CompanyNotFound(companyId);
        }

        if (NameProblem(request.Name) is { } nameProblem)
        {
            return nameProblem;
        }

        var fields = await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken);
        var mappings = new List<FieldMapping>();
        var settingId = ResourceIds.New();
        foreach (var (mapping, index) in (request.FieldMappings ?? []).Select((m, i) => (m, i)))
        {
            if (!AttributePath.TryParse(mapping.ScimPath ?? string.Empty, out _, out var error))
            {
                return AdminApi.Problem(StatusCodes.Status400BadRequest, $"fieldMappings[{index}].scimPath: {error.Detail}");
            }

            var field = fields.FirstOrDefault(f => f.Id == mapping.CustomField || f.Name.Equals(mapping.CustomField?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                return AdminApi.Problem(StatusCodes.Status400BadRequest,
                    $"fieldMappings[{index}].customField: the company has no custom field '{mapping.CustomField}'; create it first.");
            }

            mappings.Add(new FieldMapping { ScimSettingId = settingId, ScimPath = mapping.ScimPath!.Trim(), CustomFieldId = field.Id });
        }

        var groupBy = request.GroupBy?.Trim();
        if (groupBy is { Length: > 0 } && !groupBy.Equals("Department", StringComparison.OrdinalIgnoreCase)
            && !mappings.Any(m => fields.First(f => f.Id == m.CustomFieldId).Name.Equals(groupBy, StringComparison.OrdinalIgnoreCase)))
        {
            return AdminApi.Problem(StatusCodes.Status400BadRequest, $"groupBy must be 'Department' or the name of a mapped custom field; '{groupBy}' is neither.");
        }

        if (await NameTakenAsync(db, companyId, request.Name!, null, cancellationToken))
        {
            return AdminApi.Problem(StatusCodes.Status409Conflict, $"The company already has a SCIM setting named '{request.Name!.Trim()}'.");
        }

        var token = SecretTokens.New();
        var setting = new ScimSetting
        {
            Id = settingId,
            CompanyId = companyId,
            Name = request.Name!.Trim(),
            TokenHash = SecretTokens.Hash(token),
            GroupName = string.IsNullOrWhiteSpace(request.GroupName) ? null : request.GroupName.Trim(),
            GroupBy = string.IsNullOrEmpty(groupBy) ? null : groupBy.Equals("Department", StringComparison.OrdinalIgnoreCase) ? "Department" : fields.First(f => f.Name.Equals(groupBy, StringComparison.OrdinalIgnoreCase)).Name,
            SyncPlatformGroup = request.SyncPlatformGroup ?? false,
            Created = DateTime.UtcNow,
            FieldMappings = mappings,
        };
        db.ScimSettings.Add(setting);
        await db.SaveChangesAsync(cancellationToken);
        var view = View(setting, fields);
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
    public static async Task<IResult> RenameAsync(string companyId, string settingId, SettingRequest request, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var setting = await db.ScimSettings.Include(s => s.FieldMappings).FirstOrDefaultAsync(s => s.Id == settingId && s.CompanyId == companyId, cancellationToken);
        if (setting is null)
        {
            return NotFound(companyId, settingId);
        }

        if (NameProblem(request.Name) is { } nameProblem)
        {
            return nameProblem;
        }

        if (await NameTakenAsync(db, companyId, request.Name!, settingId, cancellationToken))
        {
            return AdminApi.Problem(StatusCodes.Status409Conflict, $"The company already has a SCIM setting named '{request.Name!.Trim()}'.");
        }

        setting.Name = request.Name!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(View(setting, await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken)));
    }

    public static async Task<IResult> DeleteAsync(string companyId, string settingId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.ScimSettings.Where(s => s.Id == settingId && s.CompanyId == companyId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(companyId, settingId) : Results.NoContent();
    }

    /// <summary>Issues a new token; the old one stops working with this write.</summary>
    public static async Task<IResult> RevokeAsync(string companyId, string settingId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New();
        var hash = SecretTokens.Hash(token);
        var updated = await db.ScimSettings.Where(s => s.Id == settingId && s.CompanyId == companyId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TokenHash, hash), cancellationToken);
        return updated == 0 ? NotFound(companyId, settingId) : Results.Ok(new { token });
    }

    private static IResult? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30
            ? AdminApi.Problem(StatusCodes.Status400BadRequest, "name is required, 1 to 30 characters.")
            : null;

    private static async Task<bool> NameTakenAsync(KeepnetDbContext db, string companyId, string name, string? except, CancellationToken cancellationToken)
    {
        var names = await db.ScimSettings.Where(s => s.CompanyId == companyId && s.Id != except).Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);
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

    internal sealed record SettingRequest(string? Name, List<MappingRequest>? FieldMappings, string? GroupName, string? GroupBy, bool? SyncPlatformGroup);

    internal sealed record MappingRequest(string? ScimPath, string? CustomField);

    private sealed record MappingView(string ScimPath, string CustomField);

    private sealed record SettingView(string Id, string Name, List<MappingView> FieldMappings, string? GroupName, string? GroupBy, bool SyncPlatformGroup, string? Token);
}
