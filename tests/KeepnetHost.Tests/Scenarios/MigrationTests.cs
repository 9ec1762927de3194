using KeepnetHost.Data;
using KeepnetHost.Scim;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>A database made by an older host (only the first migration) is migrated when the host starts, keeping its data.</summary>
public abstract class MigrationTests
{
    protected abstract Task<HostDatabase> DatabaseAsync();

    protected abstract KeepnetDbContext Context(HostDatabase database);

    [HostFact]
    public async Task Start_OnADatabaseAtTheFirstMigration_AppliesTheRestAndKeepsTheData()
    {
        var database = await DatabaseAsync();
        try
        {
            await using (var old = Context(database))
            {
                await old.GetService<IMigrator>().MigrateAsync("Initial");
                await old.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"Companies\" (\"Id\", \"Name\", \"LicenseCount\", \"LicensePolicy\", \"Created\") VALUES ('oldcompany01', 'Old Co', 5, 'Warn', '2026-01-01 00:00:00')");
            }

            await using var factory = new KeepnetFactory(database, new Dictionary<string, string>());
            var admin = factory.Admin();

            Assert.Equal("Old Co", (await admin.CompanyAsync("oldcompany01"))["name"]!.GetValue<string>());
            await using var current = Context(database);
            Assert.Empty(await current.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await current.ProvisioningLogPages.CountAsync());
        }
        finally
        {
            database.Delete();
        }
    }

    [HostFact]
    public async Task Start_OnADatabaseWithTheLogAsRows_CarriesTheEntriesOverInOrder()
    {
        var database = await DatabaseAsync();
        try
        {
            var time = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560);
            await using (var old = Context(database))
            {
                await old.GetService<IMigrator>().MigrateAsync("UserNameFilterOnKeyColumn");
                (string? Setting, string Path, string? Resource, int Status, string? ScimType, string? Detail)[] rows =
                [
                    ("oldsetting01", "/scim/Users/1", null, 200, null, null),
                    ("oldsetting01", "/scim/Users", "bjensen@example.com", 409, "uniqueness", "userName 'bjensen@example.com' is taken."),
                    ("oldsetting01", "/scim/Users/2", null, 200, null, null),
                    (null, "/scim/Groups", null, 401, null, "No bearer token was sent."),
                ];
                foreach (var row in rows)
                {
                    var company = row.Setting is null ? null : "oldcompany01";
                    await old.Database.ExecuteSqlAsync($"""
                        INSERT INTO "ProvisioningLog" ("CompanyId", "SettingId", "Time", "Method", "Path", "Resource", "Status", "ScimType", "Detail")
                        VALUES ({company}, {row.Setting}, {time}, 'POST', {row.Path}, {row.Resource}, {row.Status}, {row.ScimType}, {row.Detail})
                        """);
                }
            }

            await using var factory = new KeepnetFactory(database, new Dictionary<string, string>());
            var book = factory.Services.GetRequiredService<ProvisioningLogBook>();
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
            var log = await book.ReadAsync(db, "oldsetting01", 10, CancellationToken.None);

            Assert.Equal(["/scim/Users", "/scim/Users/2", "/scim/Users/1"], log.Select(e => e.Path));
            var conflict = log[0];
            Assert.Equal(
                (time, DateTimeKind.Utc, "POST", 409, "bjensen@example.com", "uniqueness", "userName 'bjensen@example.com' is taken."),
                (conflict.Time, conflict.Time.Kind, conflict.Method, conflict.Status, conflict.Resource, conflict.ScimType, conflict.Detail));
            Assert.Equal((null, null, null), (log[1].Resource, log[1].ScimType, log[1].Detail));
            var unattributed = Assert.Single(await book.ReadAsync(db, null, 10, CancellationToken.None));
            Assert.Equal(("/scim/Groups", 401, "No bearer token was sent."), (unattributed.Path, unattributed.Status, unattributed.Detail));
        }
        finally
        {
            database.Delete();
        }
    }

    [HostFact]
    public async Task Start_OnADatabaseWithEmailIds_NumbersEachUsersEmailsInTheOrderTheyCameIn()
    {
        var database = await DatabaseAsync();
        try
        {
            await using (var old = Context(database))
            {
                await old.GetService<IMigrator>().MigrateAsync("ProvisioningLogPages");
                foreach (var user in new[] { "olduser01", "olduser02" })
                {
                    await old.Database.ExecuteSqlAsync($"""
                        INSERT INTO "Users" ("Id", "CompanyId", "ScimSettingId", "UserName", "UserNameKey", "Email", "Status", "Active",
                            "CustomFieldsJson", "ScimJson", "Version", "Created", "LastModified")
                        VALUES ({user}, 'oldcompany01', 'oldsetting01', {user}, {user.ToUpperInvariant()}, 'x@example.com', 'Active', TRUE,
                            {"{}"}, {"{}"}, 1, {DateTime.UnixEpoch}, {DateTime.UnixEpoch})
                        """);
                }

                // Interleaved, so a user's positions come from the order of its own rows, not of the table.
                (string User, string Value, string? Type, bool Primary)[] emails =
                [
                    ("olduser01", "b@example.com", "work", true),
                    ("olduser02", "c@example.com", null, false),
                    ("olduser01", "a@example.com", "home", false),
                ];
                foreach (var email in emails)
                {
                    await old.Database.ExecuteSqlAsync(
                        $"""INSERT INTO "UserEmails" ("UserId", "Value", "Type", "Primary") VALUES ({email.User}, {email.Value}, {email.Type}, {email.Primary})""");
                }
            }

            await using var factory = new KeepnetFactory(database, new Dictionary<string, string>());
            _ = factory.Services; // starts the host, which migrates the database
            await using var current = Context(database);
            var rows = await current.UserEmails.OrderBy(e => e.UserId).ThenBy(e => e.Position).ToListAsync();

            Assert.Equal(
                [("olduser01", 0, "b@example.com", "work", true), ("olduser01", 1, "a@example.com", "home", false), ("olduser02", 0, "c@example.com", null, false)],
                rows.Select(e => (e.UserId, e.Position, e.Value, e.Type, e.Primary)));
            if (current.Database.IsSqlite())
            {
                // Its key's B-tree holds the rows: no rowid table and key index beside each other, no AUTOINCREMENT counter.
                var sql = await current.Database.SqlQuery<string>($"""SELECT "sql" AS "Value" FROM sqlite_schema WHERE "name" = 'UserEmails'""").SingleAsync();
                Assert.EndsWith("WITHOUT ROWID", sql, StringComparison.Ordinal);
            }
        }
        finally
        {
            database.Delete();
        }
    }
}

public sealed class MigrationTestsOnSqlite : MigrationTests
{
    protected override Task<HostDatabase> DatabaseAsync() => HostDatabase.SqliteAsync();

    protected override KeepnetDbContext Context(HostDatabase database) =>
        new SqliteKeepnetDbContext(new DbContextOptionsBuilder<SqliteKeepnetDbContext>().UseSqlite(database.ConnectionString).Options);
}

[Collection(PostgresCollection.Name)]
public sealed class MigrationTestsOnPostgres(PostgresFixture postgres) : MigrationTests
{
    protected override Task<HostDatabase> DatabaseAsync() => HostDatabase.PostgresAsync(postgres);

    protected override KeepnetDbContext Context(HostDatabase database) =>
        new PostgresKeepnetDbContext(new DbContextOptionsBuilder<PostgresKeepnetDbContext>().UseNpgsql(database.ConnectionString).Options);
}
