using System.Text.Json;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Admin;

/// <summary>Read-only views: SCIM-managed users and groups cannot be edited here, as on the platform.</summary>
internal static class PeopleApi
{
    public static async Task<IResult> ListUsersAsync(string companyId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return AdminApi.CompanyNotFound(companyId);
        }

        var users = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.Created).ThenBy(u => u.Id).ToListAsync(cancellationToken);
        var memberships = await (
            from m in db.GroupMembers
            join g in db.Groups on m.GroupId equals g.Id
            where g.CompanyId == companyId && !g.Deleted && (g.Kind != GroupKind.Idp || g.Mirrored)
            select new { m.UserId, g.Name }).ToListAsync(cancellationToken);
        var groups = memberships.ToLookup(m => m.UserId, m => m.Name);
        return Results.Ok(users.Select(u => new
        {
            id = u.Id,
            externalId = u.ExternalId,
            userName = u.UserName,
            email = u.Email,
            firstName = u.FirstName,
            lastName = u.LastName,
            department = u.Department,
            phone = u.Phone,
            preferredLanguage = u.PreferredLanguage,
            timezone = u.TimeZone,
            status = u.Status.ToString(),
            customFields = JsonSerializer.Deserialize<Dictionary<string, string>>(u.CustomFieldsJson),
            groups = groups[u.Id].Order(StringComparer.Ordinal).ToList(),
        }));
    }

    public static async Task<IResult> ListGroupsAsync(string companyId, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return AdminApi.CompanyNotFound(companyId);
        }

        var groups = await db.Groups.AsNoTracking()
            .Where(g => g.CompanyId == companyId && !g.Deleted && (g.Kind != GroupKind.Idp || g.Mirrored))
            .OrderBy(g => g.Name)
            .Select(g => new { id = g.Id, name = g.Name, kind = g.Kind, memberCount = db.GroupMembers.Count(m => m.GroupId == g.Id) })
            .ToListAsync(cancellationToken);
        return Results.Ok(groups.Select(g => new { g.id, g.name, kind = g.kind.ToString().ToLowerInvariant(), g.memberCount }));
    }
}
