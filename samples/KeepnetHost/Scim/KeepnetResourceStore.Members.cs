using System.Text.Json.Nodes;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace KeepnetHost.Scim;

/// <summary>Group members: one row each, so a member add or remove costs the same on a group of ten and of 100,000.</summary>
public sealed partial class KeepnetResourceStore
{
    public async Task<MemberChangeResult?> ApplyMemberChangesAsync(
        ResourceType type, string id, MemberChanges changes, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default)
    {
        if (IsUser(type))
        {
            return null;
        }

        var caller = ScimCaller.Of(context);
        ForgetEarlierAttempts();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();

        // One statement finds the group, moves its version on as if the change changed something (rolled back below if
        // it changes nothing) and locks its row until the commit: on PostgreSQL that serialises the group's member
        // changes, so without a version from the client concurrent adds all land (SQLite's write transactions are
        // serial already). A FOR UPDATE, a read and an UPDATE were three round trips.
        var kind = nameof(GroupKind.Idp);
        var bumped = await db.Groups.FromSql($"""
            UPDATE "Groups" SET "Version" = "Version" + 1, "LastModified" = {Now()}
            WHERE "Id" = {id} AND "CompanyId" = {caller.CompanyId} AND "Kind" = {kind} AND NOT "Deleted"
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        var group = bumped.FirstOrDefault() ?? throw NotFound(type, id);
        Versions.Check(expectedVersion, group.Version - 1, $"Group {id}");

        var removed = changes.Removed.IsEmpty ? 0
            : await db.GroupMembers.Where(m => m.GroupId == id && changes.Removed.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);

        // Only users of the company that are not Deleted become members (after the group is found, so a missing group
        // is a 404 whatever the members). Each round trip to PostgreSQL counts: the insert itself takes only such users,
        // and the check that names a wrong id runs only if fewer rows went in than asked (it throws, and the transaction
        // is rolled back). SQLite checks first, at no round trip's cost, and its insert finds the users by id alone: with
        // the company in the WHERE, its planner (without statistics) walks every user of the company.
        var adding = changes.Added.Distinct(StringComparer.Ordinal).ToList();
        if (!postgres)
        {
            await CheckUsersAsync(caller, adding, cancellationToken);
        }

        // The primary key skips a member already there. On PostgreSQL the ids go as one array: with one parameter each,
        // Npgsql's automatic preparation had the server keep a generic plan (after five runs) that rebuilt the array
        // for every user of the table it scanned, 23 ms a statement where a planned one took 5 (the server's statement
        // log, the 10,000-member group's batches). SQLite has no arrays.
        const string insert = """INSERT INTO "GroupMembers" ("GroupId", "UserId") SELECT @p0, "Id" FROM "Users" WHERE "Status" <> 'Deleted' """;
        var added = 0;
        if (postgres)
        {
            added = adding.Count == 0 ? 0 : await db.ExecuteAsync(
                insert + """AND "CompanyId" = @p1 AND "Id" = ANY(@p2) ON CONFLICT DO NOTHING""", [id, caller.CompanyId, adding.ToArray()], cancellationToken);
        }
        else
        {
            foreach (var chunk in adding.Chunk(500))
            {
                added += await db.ExecuteAsync(insert + $"""AND "Id" IN {RawSql.Row(1, chunk.Length)} ON CONFLICT DO NOTHING""", [id, .. chunk], cancellationToken);
            }
        }

        if (postgres && added < adding.Count)
        {
            await CheckUsersAsync(caller, adding, cancellationToken);
        }

        var changed = removed + added > 0;
        if (changed)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            // Nothing changed, so neither do the version and lastModified.
            await transaction.RollbackAsync(cancellationToken);
            group = await ScimGroups(caller).FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw NotFound(type, id);
        }

        return new MemberChangeResult(ToResource(type, group, null), changed);
    }

    /// <summary>Makes the group's member rows what the resource lists; only the company's users can be members.</summary>
    private async Task<List<GroupMember>> SetMembersAsync(ScimCaller caller, string groupId, JsonObject json, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var member in json["members"] as JsonArray ?? [])
        {
            if (member?["value"] is JsonValue value && value.TryGetValue<string>(out var userId))
            {
                wanted[userId] = member["display"] is JsonValue display && display.TryGetValue<string>(out var text) ? text : null;
            }
        }

        await CheckUsersAsync(caller, wanted.Keys, cancellationToken);
        var current = await db.GroupMembers.Where(m => m.GroupId == groupId).ToListAsync(cancellationToken);
        db.GroupMembers.RemoveRange(current.Where(m => !wanted.ContainsKey(m.UserId)));
        foreach (var member in current.Where(m => wanted.ContainsKey(m.UserId)))
        {
            member.Display = wanted[member.UserId];
        }

        var kept = current.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var added = wanted.Where(w => !kept.Contains(w.Key)).Select(w => new GroupMember { GroupId = groupId, UserId = w.Key, Display = w.Value }).ToList();
        db.GroupMembers.AddRange(added);
        return [.. current.Where(m => wanted.ContainsKey(m.UserId)).Concat(added).OrderBy(m => m.UserId, StringComparer.Ordinal)];
    }

    private async Task CheckUsersAsync(ScimCaller caller, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.ToList();
        if (ids.Count == 0)
        {
            return;
        }

        // Found by id alone, then checked here: with the company in the WHERE, SQLite walked every user of the company
        // (12 ms for 100 members of a company of 6,000) instead of looking up each id in the primary key.
        var found = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.CompanyId, u.Status }).ToListAsync(cancellationToken);
        var known = found.Where(u => u.CompanyId == caller.CompanyId && u.Status != UserStatus.Deleted).Select(u => u.Id);
        if (ids.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                $"members: '{unknown}' is not the id of a user of this company; groups hold users only.");
        }
    }
}
