using System.Text.Json.Nodes;
using KeepnetHost.Data;
using KeepnetHost.Scim;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Errors;
using Scim.Core.Paths;

namespace KeepnetHost.Platform;

/// <summary>
/// The platform's rules on every SCIM user write, run inside the write's transaction: mandatory mail, field mappings,
/// time zone, licence and grouping.
/// </summary>
public sealed partial class PlatformRules(CountryTimeZones zones, SettingCache cache, ILogger<PlatformRules> logger)
{
    /// <summary>The caller's setting as its rules need it (cached for seconds: <see cref="SettingCache"/>).</summary>
    public Task<SettingRules> SettingAsync(KeepnetDbContext db, ScimCaller caller, CancellationToken cancellationToken) =>
        cache.RulesAsync(caller.SettingId, () => ReadSettingAsync(db, caller, cancellationToken));

    private static async Task<SettingRules> ReadSettingAsync(KeepnetDbContext db, ScimCaller caller, CancellationToken cancellationToken)
    {
        var setting = await db.ScimSettings.AsNoTracking()
            .Include(s => s.FieldMappings).ThenInclude(m => m.CustomField)
            .FirstOrDefaultAsync(s => s.Id == caller.SettingId && s.CompanyId == caller.CompanyId, cancellationToken)
            ?? throw new ScimException(StatusCodes.Status401Unauthorized, null, "The SCIM setting of this token no longer exists.");
        var policy = await db.Companies.Where(c => c.Id == caller.CompanyId).Select(c => c.LicensePolicy).FirstAsync(cancellationToken);
        return new SettingRules(setting.Id, setting.CompanyId, policy, setting.GroupName, setting.GroupBy, setting.SyncPlatformGroup,
            [.. setting.FieldMappings.Select(m => (m.CustomField!.Name, AttributePath.Parse(m.ScimPath)))]);
    }

    public UserProfile Profile(JsonObject user, SettingRules setting)
    {
        var profile = UserProfile.From(user, setting.Mappings, zones);
        if (profile.TimeZoneSent is { } sent && profile.TimeZone is null)
        {
            LogUnknownTimeZone(logger, sent);
        }

        return profile;
    }

    /// <summary>Under the <c>enforce</c> policy, refuses one more Active user when the licence is used up.</summary>
    public async Task CheckLicenceAsync(KeepnetDbContext db, SettingRules setting, CancellationToken cancellationToken)
    {
        if (setting.LicensePolicy != LicensePolicy.Enforce)
        {
            return;
        }

        var companyId = setting.CompanyId;
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, cancellationToken);

        if (db.Database.IsNpgsql())
        {
            // Serialise this company's activations, so two concurrent creates cannot both take the last seat.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Companies\" WHERE \"Id\" = {companyId} FOR UPDATE", cancellationToken);
        }

        var active = await db.Users.CountAsync(u => u.CompanyId == companyId && u.Status == UserStatus.Active, cancellationToken);
        if (active >= company.LicenseCount)
        {
            throw new ScimException(StatusCodes.Status403Forbidden, null,
                $"The company's licence covers {company.LicenseCount} active users and all are in use (licence policy: enforce); " +
                "nothing was stored. Raise the licence count or deactivate users first.");
        }
    }

    /// <summary>
    /// Puts the user in the groups the setting says: with <c>groupBy</c>, the rule group named after the user's value
    /// (created on first use, reactivated if deleted), else the setting's target group; without, the target group.
    /// The user leaves every other rule and target group. Deleted users are in no group.
    /// </summary>
    /// <param name="memberships">
    /// The user's memberships of rule and target groups (not the identity provider's), as read in this transaction (one the
    /// user leaves is removed by its key); none for a user inserted in it.
    /// </param>
    public async Task GroupAsync(
        KeepnetDbContext db, TargetUser user, IReadOnlyCollection<GroupMember> memberships, UserProfile profile, SettingRules setting, DateTime now, CancellationToken cancellationToken)
    {
        string? wantedId = null;
        if (WantedGroup(profile, setting) is { } target)
        {
            wantedId = await EnsureGroupAsync(db, user.CompanyId, target.Kind, target.Name, now, cancellationToken);
        }

        db.GroupMembers.RemoveRange(memberships.Where(m => m.GroupId != wantedId));
        if (wantedId is not null && memberships.All(m => m.GroupId != wantedId))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = wantedId, UserId = user.Id });
        }
    }

    /// <summary>
    /// Whether creating a user with this profile reads or writes more than the user's own rows: a licence check under
    /// the <c>enforce</c> policy, or a rule or target group to join.
    /// </summary>
    public static bool CreateTouchesOtherRows(UserProfile profile, SettingRules setting) =>
        (profile.Active && setting.LicensePolicy == LicensePolicy.Enforce) || WantedGroup(profile, setting) is not null;

    private static (GroupKind Kind, string Name)? WantedGroup(UserProfile profile, SettingRules setting) =>
        setting.GroupBy is { } groupBy && profile.GroupingValue(groupBy) is { Length: > 0 } value ? (GroupKind.Rule, value.Trim())
        : !string.IsNullOrWhiteSpace(setting.GroupName) ? (GroupKind.Target, setting.GroupName.Trim())
        : null;

    private static async Task<string> EnsureGroupAsync(KeepnetDbContext db, string companyId, GroupKind kind, string name, DateTime now, CancellationToken cancellationToken)
    {
        var key = name.ToUpperInvariant();
        var existing = await db.Groups
            .Where(g => g.CompanyId == companyId && g.Kind == kind && g.NameKey == key)
            .OrderBy(g => g.Deleted)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { Deleted: false })
        {
            return existing.Id;
        }

        if (existing is not null)
        {
            existing.Deleted = false;
            existing.LastModified = now;
            existing.Version++;
            return existing.Id;
        }

        // Two writers may create the same group at once: the unique index keeps one, and both use it.
        var id = Guid.NewGuid().ToString();
        var kindName = kind.ToString();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Groups" ("Id", "CompanyId", "Name", "NameKey", "Kind", "Mirrored", "Deleted", "Version", "Created", "LastModified")
            VALUES ({id}, {companyId}, {name}, {key}, {kindName}, {false}, {false}, {1L}, {now}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        return await db.Groups.Where(g => g.CompanyId == companyId && g.Kind == kind && g.NameKey == key && !g.Deleted)
            .Select(g => g.Id).FirstAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "SCIM timezone '{Sent}' is neither an IANA zone nor a known country code; the user gets no platform time zone")]
    private static partial void LogUnknownTimeZone(ILogger logger, string sent);
}
