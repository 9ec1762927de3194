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
