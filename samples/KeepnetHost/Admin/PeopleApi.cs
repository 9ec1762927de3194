using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
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

        var memberships = await (
            from m in db.GroupMembers
            join g in db.Groups on m.GroupId equals g.Id
            where g.CompanyId == companyId && !g.Deleted && (g.Kind != GroupKind.Idp || g.Mirrored)
            select new { m.UserId, g.Name }).ToListAsync(cancellationToken);
        var groups = memberships.ToLookup(m => m.UserId, m => m.Name);
        // Streamed row by row, without the stored SCIM JSON: a company of 10,000 users is never in memory at once.
        var users = db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.Created).ThenBy(u => u.Id)
            .Select(u => new TargetUserView(u.Id, u.ExternalId, u.UserName, u.Email, u.FirstName, u.LastName, u.Department, u.Phone,
                u.PreferredLanguage, u.TimeZone, u.Status, u.CustomFieldsJson, null));
        return Results.Ok(WithGroups(users.AsAsyncEnumerable(), groups, cancellationToken));
    }

    private static async IAsyncEnumerable<TargetUserView> WithGroups(
        IAsyncEnumerable<TargetUserView> users, ILookup<string, string> groups, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var user in users.WithCancellation(cancellationToken))
        {
            yield return user with { Groups = [.. groups[user.Id].Order(StringComparer.Ordinal)] };
        }
    }

    /// <summary>A target user as the admin API shows it.</summary>
    private sealed record TargetUserView(
        string Id, string? ExternalId, string UserName, string Email, string? FirstName, string? LastName, string? Department, string? Phone,
        string? PreferredLanguage, string? Timezone, [property: JsonIgnore] UserStatus StatusValue, [property: JsonIgnore] string CustomFieldsJson,
        List<string>? Groups)
    {
        public string Status => StatusValue.ToString();

        public Dictionary<string, string>? CustomFields => JsonSerializer.Deserialize<Dictionary<string, string>>(CustomFieldsJson);
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
