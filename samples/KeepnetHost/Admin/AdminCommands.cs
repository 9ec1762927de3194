using KeepnetHost.Data;
using KeepnetHost.Platform;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Paths;

namespace KeepnetHost.Admin;

/// <summary>What is wrong with an operator's request: the HTTP status, the field it is about, and a sentence saying why.</summary>
public sealed record AdminProblem(int Status, string Field, string Detail);

/// <summary>A company as the operator sends it: every value optional on update.</summary>
public sealed record CompanyInput(string? Name, int? LicenseCount, string? LicensePolicy);

/// <summary>A new SCIM setting as the operator sends it.</summary>
public sealed record SettingInput(string? Name, List<MappingInput>? FieldMappings, string? GroupName, string? GroupBy, bool? SyncPlatformGroup);

/// <summary>One field mapping: a SCIM attribute path and a custom field (by id or name).</summary>
public sealed record MappingInput(string? ScimPath, string? CustomField);

/// <summary>
/// The operator's writes with their validation, shared by the admin API and the console so both accept and refuse
/// exactly the same input. Each returns the saved entity or an <see cref="AdminProblem"/>, and saves nothing on a problem.
/// </summary>
public static class AdminCommands
{
    public static AdminProblem CompanyNotFound(string companyId) => new(StatusCodes.Status404NotFound, "companyId", $"There is no company '{companyId}'.");

    public static async Task<(Company? Company, AdminProblem? Problem)> CreateCompanyAsync(KeepnetDbContext db, CompanyInput input, CancellationToken cancellationToken)
    {
        if (CompanyProblem(input, creating: true) is { } problem)
        {
            return (null, problem);
        }

        var company = new Company
        {
            Name = input.Name!.Trim(),
            LicenseCount = input.LicenseCount ?? 0,
            LicensePolicy = Policy(input.LicensePolicy) ?? LicensePolicy.Warn,
            Created = DateTime.UtcNow,
        };
        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);
        return (company, null);
    }

    public static async Task<(Company? Company, AdminProblem? Problem)> UpdateCompanyAsync(
        KeepnetDbContext db, string companyId, CompanyInput input, CancellationToken cancellationToken)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return (null, CompanyNotFound(companyId));
        }

        if (CompanyProblem(input, creating: false) is { } problem)
        {
            return (null, problem);
        }

        company.Name = input.Name?.Trim() ?? company.Name;
        company.LicenseCount = input.LicenseCount ?? company.LicenseCount;
        company.LicensePolicy = Policy(input.LicensePolicy) ?? company.LicensePolicy;
        await db.SaveChangesAsync(cancellationToken);
        return (company, null);
    }

    public static async Task<(CustomField? Field, AdminProblem? Problem)> AddCustomFieldAsync(
        KeepnetDbContext db, string companyId, string? name, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return (null, CompanyNotFound(companyId));
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return (null, new(StatusCodes.Status400BadRequest, "name", "name is required, at most 64 characters."));
        }

        var fields = await db.CustomFields.Where(f => f.CompanyId == companyId).Select(f => f.Name).ToListAsync(cancellationToken);
        if (fields.Contains(name, StringComparer.OrdinalIgnoreCase) || name.Equals("Department", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new(StatusCodes.Status409Conflict, "name", $"The company already has a field named '{name}'."));
        }

        var field = new CustomField { CompanyId = companyId, Name = name };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(cancellationToken);
        return (field, null);
    }

    /// <summary>Creates a SCIM setting and its token, which the caller shows once: only its hash is stored.</summary>
    public static async Task<(ScimSetting? Setting, string? Token, AdminProblem? Problem)> CreateSettingAsync(
        KeepnetDbContext db, string companyId, SettingInput input, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return (null, null, CompanyNotFound(companyId));
        }

        if (SettingNameProblem(input.Name) is { } nameProblem)
        {
            return (null, null, nameProblem);
        }

        var fields = await db.CustomFields.Where(f => f.CompanyId == companyId).ToListAsync(cancellationToken);
        var mappings = new List<FieldMapping>();
        var settingId = ResourceIds.New();
        foreach (var (mapping, index) in (input.FieldMappings ?? []).Select((m, i) => (m, i)))
        {
            if (!AttributePath.TryParse(mapping.ScimPath ?? string.Empty, out _, out var error))
            {
                return (null, null, new(StatusCodes.Status400BadRequest, $"fieldMappings[{index}].scimPath", $"fieldMappings[{index}].scimPath: {error.Detail}"));
            }

            var field = fields.FirstOrDefault(f => f.Id == mapping.CustomField || f.Name.Equals(mapping.CustomField?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                return (null, null, new(StatusCodes.Status400BadRequest, $"fieldMappings[{index}].customField",
                    $"fieldMappings[{index}].customField: the company has no custom field '{mapping.CustomField}'; create it first."));
            }

            mappings.Add(new FieldMapping { ScimSettingId = settingId, ScimPath = mapping.ScimPath!.Trim(), CustomFieldId = field.Id });
        }

        var groupBy = input.GroupBy?.Trim();
        if (groupBy is { Length: > 0 } && !groupBy.Equals("Department", StringComparison.OrdinalIgnoreCase)
            && !mappings.Any(m => fields.First(f => f.Id == m.CustomFieldId).Name.Equals(groupBy, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, new(StatusCodes.Status400BadRequest, "groupBy",
                $"groupBy must be 'Department' or the name of a mapped custom field; '{groupBy}' is neither."));
        }

        if (await SettingNameTakenAsync(db, companyId, input.Name!, null, cancellationToken))
        {
            return (null, null, new(StatusCodes.Status409Conflict, "name", $"The company already has a SCIM setting named '{input.Name!.Trim()}'."));
        }

        var token = SecretTokens.New();
        var setting = new ScimSetting
        {
            Id = settingId,
            CompanyId = companyId,
            Name = input.Name!.Trim(),
            TokenHash = SecretTokens.Hash(token),
            GroupName = string.IsNullOrWhiteSpace(input.GroupName) ? null : input.GroupName.Trim(),
            GroupBy = string.IsNullOrEmpty(groupBy) ? null
                : groupBy.Equals("Department", StringComparison.OrdinalIgnoreCase) ? "Department"
                : fields.First(f => f.Name.Equals(groupBy, StringComparison.OrdinalIgnoreCase)).Name,
            SyncPlatformGroup = input.SyncPlatformGroup ?? false,
            Created = DateTime.UtcNow,
            FieldMappings = mappings,
        };
        db.ScimSettings.Add(setting);
        await db.SaveChangesAsync(cancellationToken);
        return (setting, token, null);
    }

    /// <summary>Issues a new token; the old one stops working with this write. <see langword="null"/> when there is no such setting.</summary>
    public static async Task<string?> RevokeTokenAsync(KeepnetDbContext db, string companyId, string settingId, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New();
        var hash = SecretTokens.Hash(token);
        var updated = await db.WriteAsync(ct => db.ScimSettings.Where(s => s.Id == settingId && s.CompanyId == companyId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TokenHash, hash), ct), cancellationToken);
        return updated == 0 ? null : token;
    }

    public static AdminProblem? SettingNameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30
            ? new(StatusCodes.Status400BadRequest, "name", "name is required, 1 to 30 characters.")
            : null;

    public static async Task<bool> SettingNameTakenAsync(KeepnetDbContext db, string companyId, string name, string? except, CancellationToken cancellationToken)
    {
        var names = await db.ScimSettings.Where(s => s.CompanyId == companyId && s.Id != except).Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    private static AdminProblem? CompanyProblem(CompanyInput input, bool creating)
    {
        if ((creating || input.Name is not null) && (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 256))
        {
            return new(StatusCodes.Status400BadRequest, "name", "name is required, 1 to 256 characters.");
        }

        if (input.LicenseCount is < 0)
        {
            return new(StatusCodes.Status400BadRequest, "licenseCount", "licenseCount must not be negative.");
        }

        return input.LicensePolicy is not null && Policy(input.LicensePolicy) is null
            ? new(StatusCodes.Status400BadRequest, "licensePolicy", "licensePolicy must be 'warn' or 'enforce'.")
            : null;
    }

    private static LicensePolicy? Policy(string? text) =>
        text is not null && Enum.TryParse<LicensePolicy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy) ? policy : null;
}
