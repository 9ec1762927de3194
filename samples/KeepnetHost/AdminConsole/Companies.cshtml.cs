using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>Companies: list with licence usage, create, change the licence count and policy.</summary>
public sealed class CompaniesModel(KeepnetDbContext db) : PageModel
{
    public List<CompanyRow> Companies { get; private set; } = [];

    [BindProperty]
    public CompanyForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (company, problem) = await AdminCommands.CreateCompanyAsync(db, new(Input.Name, Input.LicenseCount, Input.LicensePolicy), cancellationToken);
            if (company is not null)
            {
                return Redirect("/console/companies");
            }

            ModelState.AddModelError("Input." + char.ToUpperInvariant(problem!.Field[0]) + problem.Field[1..], problem.Detail);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLicenceAsync(string companyId, int? licenseCount, string? licensePolicy, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (company, problem) = await AdminCommands.UpdateCompanyAsync(db, companyId, new(null, licenseCount, licensePolicy), cancellationToken);
            if (company is not null)
            {
                return Redirect("/console/companies");
            }

            ModelState.AddModelError("licence-" + companyId, problem!.Detail);
        }
        else
        {
            ModelState.AddModelError("licence-" + companyId, "The licence count must be a whole number, 0 or more.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "companies";
        var counts = await db.Users.GroupBy(u => new { u.CompanyId, u.Status })
            .Select(g => new { g.Key.CompanyId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var settings = await db.ScimSettings.GroupBy(s => s.CompanyId).Select(g => new { CompanyId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var companies = await db.Companies.AsNoTracking().OrderBy(c => c.Created).ToListAsync(cancellationToken);
        int Count(string companyId, UserStatus status) => counts.FirstOrDefault(c => c.CompanyId == companyId && c.Status == status)?.Count ?? 0;
        Companies = [.. companies.Select(c => new CompanyRow(c.Id, c.Name, c.LicenseCount, c.LicensePolicy,
            Count(c.Id, UserStatus.Active), Count(c.Id, UserStatus.Inactive), Count(c.Id, UserStatus.Deleted),
            settings.FirstOrDefault(s => s.CompanyId == c.Id)?.Count ?? 0))];
    }

    public sealed record CompanyRow(string Id, string Name, int LicenseCount, LicensePolicy Policy, int Active, int Inactive, int Deleted, int Settings)
    {
        public int Overage => Math.Max(0, Active - LicenseCount);
    }

    public sealed class CompanyForm
    {
        public string? Name { get; set; }

        public int? LicenseCount { get; set; }

        public string LicensePolicy { get; set; } = "warn";
    }
}
