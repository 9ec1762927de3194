using System.Net;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>
/// A user's create stores the user and its e-mail addresses, or nothing: here the database refuses the e-mail row (a
/// trigger), after the user row of the same command. On PostgreSQL the create is one command without a transaction of
/// its own, so this is what proves that the command is atomic by itself.
/// </summary>
public abstract class CreateAtomicityTests(KeepnetHostFixture host) : HostScenarios(host)
{
    protected abstract string RefuseEmailTrigger { get; }

    [HostFact]
    public async Task Create_DatabaseRefusesTheEmailRow_ServerErrorNoUserStoredAndTheNameStillFree()
    {
        var tenant = await TenantAsync();
        await Host.Database.ExecuteAsync(RefuseEmailTrigger);
        var mail = $"refused.{Guid.NewGuid():N}@atomic.example";
        var user = EntraUser(mail);

        var refused = await tenant.Scim.PostAsync("Users", user.ToJsonString());

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Equal(0, Total((await tenant.Scim.GetAsync($"Users?{Filter($"userName eq \"{mail}\"")}")).Expect(HttpStatusCode.OK)));
        Assert.Empty(await Admin.TargetUsersAsync(tenant.CompanyId));

        // Nothing was left behind that holds the name: with an e-mail the database takes, the same userName is created.
        user["emails"]![0]!["value"] = "accepted." + mail;
        var created = (await tenant.Scim.PostAsync("Users", user.ToJsonString())).Expect(HttpStatusCode.Created);
        Assert.Equal(mail, Text(created["userName"]));
        Assert.Equal("accepted." + mail, Text(created["emails"]![0]!["value"]));
    }
}

public sealed class CreateAtomicityTestsOnSqlite(KeepnetHostFixture host) : CreateAtomicityTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();

    protected override string RefuseEmailTrigger => """
        CREATE TRIGGER refuse_email BEFORE INSERT ON "UserEmails" WHEN NEW."Value" LIKE 'refused.%'
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
        """;
}

[Collection(PostgresCollection.Name)]
public sealed class CreateAtomicityTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : CreateAtomicityTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);

    protected override string RefuseEmailTrigger => """
        CREATE FUNCTION refuse_email() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."Value" LIKE 'refused.%' THEN RAISE EXCEPTION 'refused by the test'; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_email BEFORE INSERT ON "UserEmails" FOR EACH ROW EXECUTE FUNCTION refuse_email();
        """;
}
