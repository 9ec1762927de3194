using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>A console page about one company (the <c>{companyId}</c> of its route).</summary>
public abstract class CompanyPageModel(KeepnetDbContext db) : PageModel
{
    protected KeepnetDbContext Db => db;

    [BindProperty(SupportsGet = true)]
    public string CompanyId { get; set; } = string.Empty;

    public Company Company { get; private set; } = null!;

    /// <summary>Loads the company for the layout; <see langword="false"/> when there is none (the page answers 404).</summary>
    protected async Task<bool> LoadCompanyAsync(string section, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == CompanyId, cancellationToken);
        if (company is null)
        {
            return false;
        }

        Company = company;
        ViewData["CompanyId"] = company.Id;
        ViewData["CompanyName"] = company.Name;
        ViewData["Section"] = section;
        return true;
    }

    /// <summary>Shows an admin problem next to its field: <c>fieldMappings[0].scimPath</c> becomes <c>{prefix}.FieldMappings[0].ScimPath</c>.</summary>
    protected static void AddProblem(ModelStateDictionary modelState, string prefix, AdminProblem problem) =>
        modelState.AddModelError(FieldKey(prefix, problem.Field), problem.Detail);

    protected static string FieldKey(string prefix, string field) =>
        prefix + "." + string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    protected IActionResult CompanyNotFound() => NotFound($"There is no company '{CompanyId}'.");
}
