using System.Data.Common;
using KeepnetHost.Data;
using KeepnetHost.Scim;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KeepnetHost.Tests.Concurrency;

/// <summary>
/// On PostgreSQL a user's write is one command (UserRows): the version-checked UPDATE, then the e-mails' DELETE and
/// INSERT, which run even when the UPDATE matched no row. A writer that read a version already gone can so meet, on the
/// e-mails' key (user, position), the e-mails of the writer that holds the user; that is a lost race, not a taken value.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EmailKeyRaceTests(PostgresFixture postgres)
{
    [PostgresFact]
    public async Task StaleWriter_MeetsTheHoldersEmails_TheViolationIsRecognisedAsTheEmailsKey()
    {
        var database = await HostDatabase.PostgresAsync(postgres);
        await using (var setup = Context(database))
        {
            await setup.Database.MigrateAsync();
            await setup.Database.ExecuteSqlAsync($"""
                INSERT INTO "Users" ("Id", "CompanyId", "ScimSettingId", "UserName", "UserNameKey", "Email", "Status", "Active",
                    "CustomFieldsJson", "ScimJson", "Version", "Created", "LastModified")
                VALUES ('raceuser01', 'company0001', 'setting0001', 'race@example.com', 'RACE@EXAMPLE.COM', 'race@example.com', 'Active', TRUE,
                    {"{}"}, {"{}"}, 2, {DateTime.UnixEpoch}, {DateTime.UnixEpoch});
                INSERT INTO "UserEmails" ("UserId", "Position", "Value", "Type", "Primary") VALUES ('raceuser01', 0, 'race@example.com', 'work', TRUE);
                """);
        }

        // The holder read version 2 and writes version 3: it holds the user and the old e-mail row, and its new one is in.
        await using var holder = Context(database);
        await using var holding = await holder.Database.BeginTransactionAsync();
        Assert.True(await UserRows.UpdateAsync(holder, User(version: 3, email: "holder@example.com"), readVersion: 2, CancellationToken.None));

        // The stale writer read version 1: its UPDATE matches nothing, and its DELETE waits for the holder's row.
        await using var stale = Context(database);
        await using var staleTransaction = await stale.Database.BeginTransactionAsync();
        var staleWrite = UserRows.UpdateAsync(stale, User(version: 2, email: "stale@example.com"), readVersion: 1, CancellationToken.None);
        await WaitUntilALockIsAwaitedAsync(database);
        await holding.CommitAsync();

        var violation = await Assert.ThrowsAnyAsync<DbException>(() => staleWrite);
        Assert.True(StoreErrors.IsEmailKey(StoreErrors.UniqueViolation(violation) ?? string.Empty), violation.Message);
        await staleTransaction.RollbackAsync();
        await using var check = Context(database);
        Assert.Equal(["holder@example.com"], await check.UserEmails.Select(e => e.Value).ToListAsync());
    }

    private static TargetUser User(long version, string email) => new()
    {
        Id = "raceuser01",
        CompanyId = "company0001",
        ScimSettingId = "setting0001",
        UserName = "race@example.com",
        UserNameKey = "RACE@EXAMPLE.COM",
        Email = email,
        ScimJson = "{}",
        Status = UserStatus.Active,
        Active = true,
        Version = version,
        LastModified = DateTime.UnixEpoch,
        Emails = [new UserEmail { UserId = "raceuser01", Position = 0, Value = email, Type = "work", Primary = true }],
    };

    private static async Task WaitUntilALockIsAwaitedAsync(HostDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "datname" = current_database()""", connection);
        for (var waited = 0; (long)(await command.ExecuteScalarAsync())! == 0; waited++)
        {
            Assert.True(waited < 500, "The stale writer never waited for the holder's rows.");
            await Task.Delay(10);
        }
    }

    private static KeepnetDbContext Context(HostDatabase database) =>
        new PostgresKeepnetDbContext(new DbContextOptionsBuilder<PostgresKeepnetDbContext>().UseNpgsql(database.ConnectionString).Options);
}
