using System.Text.Json;
using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>Target Users › People: default and custom-field columns, status, groups, search and paging; Edit Fields adds a custom field.</summary>
public sealed class TargetUsersModel(KeepnetDbContext db) : CompanyPageModel(db)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public FieldForm NewField { get; set; } = new();

    public List<string> Fields { get; private set; } = [];

    public List<UserRow> Users { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : CompanyNotFound();

    public async Task<IActionResult> OnPostAddFieldAsync(CancellationToken cancellationToken)
    {
        var (field, problem) = await AdminCommands.AddCustomFieldAsync(Db, CompanyId, NewField.Name, cancellationToken);
        if (field is not null)
        {
            return Redirect($"/console/companies/{CompanyId}/users");
        }

        AddProblem(ModelState, nameof(NewField), problem!);
        return await LoadAsync(cancellationToken) ? Page() : CompanyNotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCompanyAsync("users", cancellationToken))
        {
            return false;
        }

        Fields = await Db.CustomFields.Where(f => f.CompanyId == CompanyId).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
        var users = Db.Users.AsNoTracking().Where(u => u.CompanyId == CompanyId);
        if (Search?.Trim().ToLowerInvariant() is { Length: > 0 } q)
        {
            users = users.Where(u => u.UserName.ToLower().Contains(q) || u.Email.ToLower().Contains(q)
                || (u.DisplayName != null && u.DisplayName.ToLower().Contains(q))
                || (u.FirstName != null && u.FirstName.ToLower().Contains(q))
                || (u.LastName != null && u.LastName.ToLower().Contains(q))
                || (u.Department != null && u.Department.ToLower().Contains(q)));
        }

        Total = await users.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var page = await users.OrderBy(u => u.Status == UserStatus.Deleted).ThenBy(u => u.Created).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var memberships = await (
            from m in Db.GroupMembers
            join g in Db.Groups on m.GroupId equals g.Id
            where ids.Contains(m.UserId) && !g.Deleted && (g.Kind != GroupKind.Idp || g.Mirrored)
            select new { m.UserId, g.Name }).ToListAsync(cancellationToken);
        var groups = memberships.ToLookup(m => m.UserId, m => m.Name);
        var settings = await Db.ScimSettings.Where(s => s.CompanyId == CompanyId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        Users = [.. page.Select(u => new UserRow(
            u.DisplayName ?? string.Join(' ', new[] { u.FirstName, u.LastName }.Where(n => !string.IsNullOrEmpty(n))),
            u.Email, u.Department, u.Phone, u.TimeZone, u.PreferredLanguage, u.Status,
            JsonSerializer.Deserialize<Dictionary<string, string>>(u.CustomFieldsJson) is { } custom
                ? new Dictionary<string, string>(custom, StringComparer.OrdinalIgnoreCase) : [],
            [.. groups[u.Id].Order(StringComparer.Ordinal)],
            settings.GetValueOrDefault(u.ScimSettingId)))];
        return true;
    }

    public string PageLink(int page) =>
        $"/console/companies/{Uri.EscapeDataString(CompanyId)}/users?p={page}" + (string.IsNullOrEmpty(Search) ? string.Empty : "&q=" + Uri.EscapeDataString(Search));

    public sealed record UserRow(
        string Name, string Email, string? Department, string? Phone, string? TimeZone, string? Language, UserStatus Status,
        Dictionary<string, string> CustomFields, List<string> Groups, string? Setting);

    public sealed class FieldForm
    {
        public string? Name { get; set; }
    }
}
