using KeepnetHost.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.AdminConsole;

/// <summary>Groups: name, kind (rule / target / IdP) and members, as the platform shows them.</summary>
public sealed class GroupsModel(KeepnetDbContext db) : CompanyPageModel(db)
{
    private const int MembersShown = 50;

    public List<GroupRow> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCompanyAsync("groups", cancellationToken))
        {
            return CompanyNotFound();
        }

        // IdP groups show only when their setting mirrors them (group sync on), as on the platform.
        var groups = await Db.Groups.AsNoTracking()
            .Where(g => g.CompanyId == CompanyId && !g.Deleted && (g.Kind != GroupKind.Idp || g.Mirrored))
            .OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.Kind, Count = Db.GroupMembers.Count(m => m.GroupId == g.Id) })
            .ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var members = (await (
            from m in Db.GroupMembers
            join u in Db.Users on m.UserId equals u.Id
            where ids.Contains(m.GroupId)
            orderby u.Email
            select new { m.GroupId, u.Email, u.DisplayName }).ToListAsync(cancellationToken)).ToLookup(m => m.GroupId);
        Groups = [.. groups.Select(g => new GroupRow(g.Name, g.Kind, g.Count,
            [.. members[g.Id].Take(MembersShown).Select(m => m.DisplayName is null ? m.Email : $"{m.DisplayName} <{m.Email}>")]))];
        return Page();
    }

    public static string KindText(GroupKind kind) => kind switch
    {
        GroupKind.Rule => "Rule (grouping criteria)",
        GroupKind.Target => "Target (group name)",
        _ => "IdP (synchronized)",
    };

    public sealed record GroupRow(string Name, GroupKind Kind, int MemberCount, List<string> Members);
}
