using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>SCIM Settings: the company's settings, revoking a token (the new one is shown once).</summary>
public sealed class ScimSettingsModel(KeepnetDbContext db) : CompanyPageModel(db)
{
    public List<ScimSetting> Settings { get; private set; } = [];

    public Dictionary<string, string> FieldNames { get; private set; } = [];

    /// <summary>A token just issued, shown once on this response and never again.</summary>
    public IssuedToken? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : CompanyNotFound();

    public async Task<IActionResult> OnPostRevokeAsync(string settingId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return CompanyNotFound();
        }

        var token = await AdminCommands.RevokeTokenAsync(Db, CompanyId, settingId, cancellationToken);
        if (token is null)
        {
            return NotFound($"Company '{CompanyId}' has no SCIM setting '{settingId}'.");
        }

        Issued = new IssuedToken(Settings.First(s => s.Id == settingId).Name, token, TenantUrl(Request), Revoked: true);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCompanyAsync("scim", cancellationToken))
        {
            return false;
        }

        Settings = await Db.ScimSettings.AsNoTracking().Include(s => s.FieldMappings).Where(s => s.CompanyId == CompanyId)
            .OrderBy(s => s.Created).ToListAsync(cancellationToken);
        FieldNames = await Db.CustomFields.Where(f => f.CompanyId == CompanyId).ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        return true;
    }

    /// <summary>The Tenant URL to paste into the identity provider: this host's <c>/scim</c>.</summary>
    public static string TenantUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/scim";
}

/// <summary>A token to show once, with the Tenant URL it goes with.</summary>
public sealed record IssuedToken(string SettingName, string Token, string TenantUrl, bool Revoked);
