using KeepnetHost.Data;
using KeepnetHost.Scim;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>Provisioning Log: a setting's recent SCIM requests, failures first, and the requests no token named.</summary>
public sealed class ProvisioningLogModel(KeepnetDbContext db, ProvisioningLogBook log) : CompanyPageModel(db)
{
    private const int Shown = 200;

    [BindProperty(SupportsGet = true)]
    public string? Setting { get; set; }

    public List<ScimSetting> Settings { get; private set; } = [];

    public List<ProvisioningLogEntry> Entries { get; private set; } = [];

    public List<ProvisioningLogEntry> Unattributed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCompanyAsync("log", cancellationToken))
        {
            return CompanyNotFound();
        }

        Settings = await Db.ScimSettings.AsNoTracking().Where(s => s.CompanyId == CompanyId).OrderBy(s => s.Created).ToListAsync(cancellationToken);
        Setting = Settings.FirstOrDefault(s => s.Id == Setting)?.Id ?? Settings.FirstOrDefault()?.Id;
        if (Setting is not null)
        {
            Entries = await log.ReadAsync(Db, Setting, Shown, cancellationToken);
        }

        Unattributed = await log.ReadAsync(Db, null, 20, cancellationToken);
        return Page();
    }

    public static string Outcome(int status) => status switch
    {
        < 400 => "ok",
        401 or 403 => "auth",
        429 => "throttled",
        >= 500 => "error",
        _ => "failed",
    };
}
