using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Scim.LoadTest;

namespace KeepnetHost.Tests.LoadTool;

/// <summary>
/// The load generator's short mode (<c>Scim.LoadTest --smoke</c>, what CI runs) against the built host as a process of
/// its own, over real HTTP: baseline, initial cycle, incremental cycle and verification all run, and the run passes.
/// Nothing here depends on timing.
/// </summary>
public abstract class LoadToolSmokeTests
{
    protected abstract Task<HostDatabase> CreateDatabaseAsync();

    [HostFact]
    public async Task SmokeRun_AgainstBuiltHost_EveryPhaseRunsNoErrorNoMismatch()
    {
        var (result, report) = await RunSmokeAsync();

        Assert.True(result.Passed, report);
        Assert.Equal(
            [LoadPhase.Baseline, LoadPhase.InitialUsers, LoadPhase.BaselineLookups, LoadPhase.Lookups, LoadPhase.InitialGroups, LoadPhase.InitialMembers,
                LoadPhase.Incremental, LoadPhase.Verify],
            result.Phases.Select(p => p.Phase));
        Assert.All(result.Phases, p => Assert.True(p.Requests > 0 && p.Errors == 0, $"{p.Phase}: {p.Requests} requests, {p.Errors} errors\n{report}"));
        Assert.Equal(0, result.Mismatches);
        // The smoke preset: two companies of 60 users (the big group's size) and 40; 6 teams + the big group, and 4 teams.
        Assert.Equal(100, result.UsersVerified);
        Assert.Equal(11, result.GroupsVerified);
        Assert.Contains("RESULT: 0 request errors, 0 verification mismatches: PASS", report, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>--smoke</c> against a host started on a fresh database; <paramref name="beforeRun"/> may change that database first.</summary>
    protected async Task<(LoadResult Result, string Report)> RunSmokeAsync(Func<HostDatabase, Task>? beforeRun = null)
    {
        var database = await CreateDatabaseAsync();
        try
        {
            await using var host = await KeepnetProcess.StartAsync(database, settings: new Dictionary<string, string> { ["LoadTest:Baseline"] = "true" });
            if (beforeRun is not null)
            {
                await beforeRun(database);
            }

            var options = Options.Parse(["--smoke", "--url", host.BaseAddress.ToString(), "--admin-key", KeepnetFactory.AdminKey, "--host-pid", $"{host.ProcessId}"]);
            using var report = new StringWriter();
            // Not a timing assertion: a bound on a hung run only, far above the seconds it takes.
            using var hung = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var result = await LoadRun.RunAsync(options, report, hung.Token);
            return (result, report.ToString());
        }
        finally
        {
            database.Delete();
        }
    }
}

public sealed class LoadToolSmokeTestsOnSqlite : LoadToolSmokeTests
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();

    /// <summary>One refused user is enough for the run to fail: the smoke test's pass is not a pass by default.</summary>
    [Fact]
    public async Task SmokeRun_DatabaseRefusesOneUser_OneRequestErrorMismatchesAndFail()
    {
        var (result, report) = await RunSmokeAsync(async database =>
        {
            // User 7 of the second company: in no incremental change, in its company's first team.
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = """
                CREATE TRIGGER refuse_one_user BEFORE INSERT ON "Users" WHEN NEW."UserName" LIKE 'u7.%@c1.example'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                """;
            await trigger.ExecuteNonQueryAsync();
        });

        Assert.False(result.Passed, report);
        Assert.Equal(1, result.Errors);
        Assert.Equal(1, result.Phases.Single(p => p.Phase == LoadPhase.InitialUsers).Errors);
        Assert.True(result.Mismatches > 0, report);
        Assert.Contains("@c1.example: 0 target users, expected exactly 1", report, StringComparison.Ordinal);
        Assert.Contains("verification mismatches: FAIL", report, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class LoadToolSmokeTestsOnPostgres(PostgresFixture postgres) : LoadToolSmokeTests
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
