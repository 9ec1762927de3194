using KeepnetHost.Data;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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
            Assert.Equal(0, await current.ProvisioningLog.CountAsync());
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
