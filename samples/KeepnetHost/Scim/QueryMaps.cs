using KeepnetHost.Data;
using Scim.Core.Querying.Linq;

namespace KeepnetHost.Scim;

/// <summary>Where SCIM attributes live in the platform's tables, so filters and sorts run in SQL.</summary>
internal static class QueryMaps
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

    public static ScimQueryMap<TargetUser> Users { get; } = new ScimQueryMap<TargetUser>()
        .Map("id", u => u.Id, caseExact: true)
        // The unique key column (upper-cased by .NET): its index serves eq and sw, and case is ignored in any script.
        .MapFolded("userName", u => u.UserNameKey, CaseInsensitiveStrategy.ToUpper)
        .Map("externalId", u => u.ExternalId, caseExact: true)
        .Map("displayName", u => u.DisplayName)
        .Map("name.givenName", u => u.FirstName)
        .Map("name.familyName", u => u.LastName)
        .Map("title", u => u.Title)
        .Map("active", u => u.Active)
        .Map("preferredLanguage", u => u.PreferredLanguage)
        .Map("timezone", u => u.TimeZone)
        .Map("meta.created", u => u.Created)
        .Map("meta.lastModified", u => u.LastModified)
        .Map(Enterprise + "department", u => u.Department)
        .Map(Enterprise + "employeeNumber", u => u.EmployeeNumber)
        .Map(Enterprise + "manager.value", u => u.ManagerId, caseExact: true)
        .MapCollection("emails", u => u.Emails, e => e
            .Map("value", m => m.Value)
            .Map("type", m => m.Type)
            .Map("primary", m => m.Primary));

    public static ScimQueryMap<PlatformGroup> Groups { get; } = new ScimQueryMap<PlatformGroup>()
        .Map("id", g => g.Id, caseExact: true)
        .MapFolded("displayName", g => g.NameKey, CaseInsensitiveStrategy.ToUpper)
        .Map("externalId", g => g.ExternalId, caseExact: true)
        .Map("meta.created", g => g.Created)
        .Map("meta.lastModified", g => g.LastModified)
        .MapCollection("members", g => g.Members, m => m
            .Map("value", x => x.UserId, caseExact: true)
            .Map("display", x => x.Display));
}
