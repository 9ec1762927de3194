using System.Text.Json.Nodes;
using KeepnetHost.Admin;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.LoadTest;

/// <summary>
/// Endpoints for benchmarks/Scim.LoadTest, mapped only when <c>LoadTest:Baseline</c> is true (off by default):
/// <list type="bullet">
/// <item><c>/baseline/Users</c>: the same JSON stored in and read from the same database with no SCIM processing
/// (no token, no validation, no rules), so SCIM throughput can be stated as a ratio of what the host and database do anyway.</item>
/// <item><c>POST /loadtest/groups/{groupId}/seed?count=N</c> (admin key): N synthetic users of the group's company put
/// straight into the tables as members of the group, to measure member changes on a group of 100,000 without
/// provisioning 100,000 users over HTTP first.</item>
/// </list>
/// </summary>
public static class LoadTestApi
{
    public static async Task MapLoadTestAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("LoadTest:Baseline", false))
        {
            return;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Outside the migrations on purpose: the table exists only where the switch is on.
            await scope.ServiceProvider.GetRequiredService<KeepnetDbContext>().Database.ExecuteSqlRawAsync(
                """CREATE TABLE IF NOT EXISTS "BaselineUsers" ("Id" varchar(64) PRIMARY KEY, "UserName" varchar(320) NOT NULL UNIQUE, "Json" text NOT NULL)""");
        }

        app.MapPost("/baseline/Users", async (HttpRequest request, KeepnetDbContext db, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(cancellationToken);
            var userName = JsonNode.Parse(json)?["userName"]?.GetValue<string>() ?? string.Empty;
            // Ordered ids as the users' (TargetUser.Id), so the comparison is of the SCIM work, not of the id's index locality.
            var id = Guid.CreateVersion7().ToString();
            // Stored as SCIM's creates store a user (a write of its own: on SQLite the same write turn and connection), so
            // the comparison is of the SCIM work.
            await db.ExecuteAloneAsync("""INSERT INTO "BaselineUsers" ("Id", "UserName", "Json") VALUES (@p0, @p1, @p2)""", [id, userName, json], cancellationToken);
            return Results.Text(json, "application/json", statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/baseline/Users", async (string userName, KeepnetDbContext db, CancellationToken cancellationToken) =>
        {
            var found = await db.Database.SqlQuery<string>($"""SELECT "Json" AS "Value" FROM "BaselineUsers" WHERE "UserName" = {userName}""")
                .ToListAsync(cancellationToken);
            return Results.Text($"{{\"totalResults\":{found.Count},\"Resources\":[{string.Join(',', found)}]}}", "application/json");
        });

        app.MapPost("/loadtest/groups/{groupId}/seed", SeedAsync).RequireAdminKey();
    }

    private static async Task<IResult> SeedAsync(string groupId, int count, KeepnetDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.Kind == GroupKind.Idp, cancellationToken);
        if (group is null || count is < 1 or > 1_000_000)
        {
            return Results.Problem("Needs an existing SCIM group and 1 <= count <= 1,000,000.", statusCode: StatusCodes.Status400BadRequest);
        }

        var settingId = await db.ScimSettings.Where(s => s.CompanyId == group.CompanyId).Select(s => s.Id).FirstAsync(cancellationToken);
        var now = DateTime.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        for (var start = 0; start < count; start += 5_000)
        {
            for (var i = start; i < Math.Min(count, start + 5_000); i++)
            {
                var userName = $"seed-{i}-{groupId}@seed.example";
                var user = new TargetUser
                {
                    CompanyId = group.CompanyId,
                    ScimSettingId = settingId,
                    UserName = userName,
                    UserNameKey = userName.ToUpperInvariant(),
                    Email = userName,
                    Status = UserStatus.Active,
                    Active = true,
                    ScimJson = $"{{\"userName\":\"{userName}\",\"active\":true}}",
                    Created = now,
                    LastModified = now,
                };
                db.Users.Add(user);
                db.GroupMembers.Add(new GroupMember { GroupId = groupId, UserId = user.Id });
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return Results.Ok(new { groupId, added = count });
    }
}
