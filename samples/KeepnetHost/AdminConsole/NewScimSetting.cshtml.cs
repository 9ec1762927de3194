using System.Globalization;
using System.Text.RegularExpressions;
using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Paths;

namespace KeepnetHost.AdminConsole;

/// <summary>SCIM Settings › + New: name, map fields, group name, grouping criteria, group sync; on save the token, once.</summary>
public sealed partial class NewScimSettingModel(KeepnetDbContext db) : CompanyPageModel(db)
{
    /// <summary>The attributes Entra ID's default and commonly added mappings send, offered as suggestions.</summary>
    public static readonly string[] EntraAttributes =
    [
        "addresses[type eq \"work\"].country",
        "addresses[type eq \"work\"].region",
        "addresses[type eq \"work\"].locality",
        "addresses[type eq \"work\"].postalCode",
        "addresses[type eq \"work\"].streetAddress",
        "displayName",
        "title",
        "userType",
        "preferredLanguage",
        "locale",
        "timezone",
        "nickName",
        "phoneNumbers[type eq \"work\"].value",
        "phoneNumbers[type eq \"mobile\"].value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
    ];

    [BindProperty]
    public SettingForm Input { get; set; } = new();

    public List<string> Fields { get; private set; } = [];

    public IssuedToken? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : CompanyNotFound();

    /// <summary>The live check of a mapping's path: the library's parser, with the position of the first error.</summary>
    public IActionResult OnGetValidatePath(string? path) => new JsonResult(PathCheck.Of(path));

    public async Task<IActionResult> OnPostAddMappingAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.FieldMappings.Add(new MappingRow());
        return await LoadAsync(cancellationToken) ? Page() : CompanyNotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return CompanyNotFound();
        }

        // Rows left blank are no mapping; the others keep their row number for the error's place.
        var rows = Input.FieldMappings.Select((m, i) => (Row: i, Mapping: m))
            .Where(r => !string.IsNullOrWhiteSpace(r.Mapping.ScimPath) || !string.IsNullOrWhiteSpace(r.Mapping.CustomField)).ToList();
        var input = new SettingInput(Input.Name, [.. rows.Select(r => new MappingInput(r.Mapping.ScimPath, r.Mapping.CustomField))],
            Input.GroupName, Input.GroupBy, Input.SyncPlatformGroup);
        var (setting, token, problem) = await AdminCommands.CreateSettingAsync(Db, CompanyId, input, cancellationToken);
        if (setting is not null)
        {
            Issued = new IssuedToken(setting.Name, token!, ScimSettingsModel.TenantUrl(Request), Revoked: false);
            return Page();
        }

        var field = MappingIndex().Replace(problem!.Field, m => $"fieldMappings[{rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Row}]");
        // The detail repeats the field name for API callers; next to the field it is noise.
        var detail = problem.Detail.StartsWith(problem.Field + ": ", StringComparison.Ordinal) ? problem.Detail[(problem.Field.Length + 2)..] : problem.Detail;
        ModelState.AddModelError(FieldKey(nameof(Input), field), detail);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCompanyAsync("scim", cancellationToken))
        {
            return false;
        }

        Fields = await Db.CustomFields.Where(f => f.CompanyId == CompanyId).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
        if (Input.FieldMappings.Count == 0)
        {
            Input.FieldMappings.Add(new MappingRow());
        }

        return true;
    }

    [GeneratedRegex(@"^fieldMappings\[(\d+)\]")]
    private static partial Regex MappingIndex();

    public sealed class SettingForm
    {
        public string? Name { get; set; }

        public List<MappingRow> FieldMappings { get; set; } = [];

        public string? GroupName { get; set; }

        public string? GroupBy { get; set; }

        public bool SyncPlatformGroup { get; set; }
    }

    public sealed class MappingRow
    {
        public string? CustomField { get; set; }

        public string? ScimPath { get; set; }
    }
}

/// <summary>Whether a text is a SCIM attribute path, by the library's parser; where the first error is (1-based), if it says.</summary>
public sealed partial record PathCheck(bool Valid, string? Detail, int? Position)
{
    public static PathCheck Of(string? path)
    {
        if (AttributePath.TryParse(path ?? string.Empty, out _, out var error))
        {
            return new PathCheck(true, null, null);
        }

        var position = PositionText().Match(error.Detail);
        return new PathCheck(false, error.Detail,
            position.Success ? int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex(@"position (\d+)")]
    private static partial Regex PositionText();
}
