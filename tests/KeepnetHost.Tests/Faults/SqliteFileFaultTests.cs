using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KeepnetHost.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Tests.Faults;

/// <summary>
/// The SQLite file of a running host turns read-only, or its disk fills up, and the real SQLite engine refuses the
/// writes: SCIM writes are a 503 with <c>Retry-After</c> whose detail names the cause (never a 500, a stack trace or
/// the connection string), the admin API answers a problem document the same way, nothing is half-written, and writes
/// work again once the fault is removed. The tests run as root, which file modes do not stop, so the faults are made
/// with the kernel's own tools: an immutable file (<c>chattr +i</c>) and a small tmpfs filled to the last page.
/// </summary>
public sealed class SqliteFileFaultTests
{
    private const string User = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{0}","active":true,"emails":[{"type":"work","value":"{0}"}]}""";
    private const string Deactivate = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":false}]}""";

    [Fact]
    public async Task ReadOnlyFile_WritesAre503ReadsWork_ThenWritesResumeWithNothingHalfWritten()
    {
        var database = await HostDatabase.SqliteAsync();
        try
        {
            await using var host = new KeepnetFactory(database, new Dictionary<string, string>());
            var (scim, userId) = await TenantWithUserAsync(host);
            var companiesBefore = await CompaniesAsync(host);

            // An immutable file cannot be opened for writing, by root either, so SQLite opens it read-only and refuses
            // every write with SQLITE_READONLY. The pool's connections were opened writable before: they are closed.
            SqliteConnection.ClearAllPools();
            await RunAsync("chattr", "+i", database.SqliteFile!);
            Faulted during;
            try
            {
                during = await DuringFaultAsync(host, scim, userId);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                await RunAsync("chattr", "-i", database.SqliteFile!);
            }

            during.AssertRefused("read-only");
            Assert.Equal(["before@contoso.com"], UserNames(during.Read.Expect(HttpStatusCode.OK)));
            await AssertUnchangedThenWritableAsync(host, scim, userId, companiesBefore);
        }
        finally
        {
            database.Delete();
        }
    }

    [Fact]
    public async Task FullDisk_WritesAre503ReadsWork_ThenWritesResumeWithNothingHalfWritten()
    {
        var folder = Directory.CreateTempSubdirectory("keepnet-full-disk-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", folder);
        try
        {
            var file = Path.Combine(folder, "keepnet.db");
            var database = new HostDatabase("Sqlite", $"Data Source={file}", file);
            await using (var host = new KeepnetFactory(database, new Dictionary<string, string>()))
            {
                var (scim, userId) = await TenantWithUserAsync(host);
                var companiesBefore = await CompaniesAsync(host);

                // The write-ahead log is emptied, then the tmpfs is filled to its last page: the next write must grow
                // the log, and the kernel's ENOSPC is SQLITE_FULL.
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString()))
                {
                    await connection.OpenAsync();
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await checkpoint.ExecuteNonQueryAsync();
                }

                var filler = Path.Combine(folder, "filler");
                Fill(filler);
                var during = await DuringFaultAsync(host, scim, userId);
                File.Delete(filler);

                during.AssertRefused("disk is full");
                Assert.Equal(["before@contoso.com"], UserNames(during.Read.Expect(HttpStatusCode.OK)));
                await AssertUnchangedThenWritableAsync(host, scim, userId, companiesBefore);
            }

            database.Delete();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", folder);
            Directory.Delete(folder);
        }
    }

    private static async Task<(ScimClient Scim, string UserId)> TenantWithUserAsync(KeepnetFactory host)
    {
        var admin = host.Admin();
        var company = await admin.CreateCompanyAsync();
        var (_, token) = await admin.CreateSettingAsync(company, new { name = "Entra ID" });
        var scim = host.Scim(token);
        var user = (await scim.PostAsync("Users", User.Replace("{0}", "before@contoso.com", StringComparison.Ordinal))).Expect(HttpStatusCode.Created);
        return (scim, user["id"]!.GetValue<string>());
    }

    private static async Task<Faulted> DuringFaultAsync(KeepnetFactory host, ScimClient scim, string userId)
    {
        var post = await scim.PostAsync("Users", User.Replace("{0}", "during@contoso.com", StringComparison.Ordinal));
        var patch = await scim.PatchAsync($"Users/{userId}", Deactivate);
        var read = await scim.GetAsync("Users");
        using var admin = host.Admin().Http;
        using var adminWrite = await admin.PostAsJsonAsync("/api/companies", new { name = "During", licenseCount = 10 });
        return new Faulted(post, patch, read, adminWrite.StatusCode, adminWrite.Content.Headers.ContentType?.MediaType,
            adminWrite.Headers.RetryAfter?.Delta, await adminWrite.Content.ReadAsStringAsync());
    }

    private static async Task AssertUnchangedThenWritableAsync(KeepnetFactory host, ScimClient scim, string userId, IReadOnlyList<string> companiesBefore)
    {
        Assert.Equal(companiesBefore, await CompaniesAsync(host));
        Assert.Equal(["before@contoso.com"], UserNames((await scim.GetAsync("Users")).Expect(HttpStatusCode.OK)));
        Assert.True((await scim.GetAsync($"Users/{userId}")).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>());

        (await scim.PostAsync("Users", User.Replace("{0}", "after@contoso.com", StringComparison.Ordinal))).Expect(HttpStatusCode.Created);
        (await scim.PatchAsync($"Users/{userId}", Deactivate)).Expect(HttpStatusCode.OK);
        await host.Admin().CreateCompanyAsync("After");
    }

    private static async Task<IReadOnlyList<string>> CompaniesAsync(KeepnetFactory host) =>
        [.. (await host.Admin().SendAsync(HttpMethod.Get, "/api/companies")).Expect(HttpStatusCode.OK).AsArray().Select(c => c!["name"]!.GetValue<string>())];

    private static IEnumerable<string> UserNames(System.Text.Json.Nodes.JsonNode list) =>
        list["Resources"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>());

    /// <summary>Writes until the file system has no page left.</summary>
    private static void Fill(string path)
    {
        var page = new byte[4096];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(page);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }

    /// <summary>What the host answered while the fault lasted.</summary>
    private sealed record Faulted(Reply Post, Reply Patch, Reply Read, HttpStatusCode AdminStatus, string? AdminContentType, TimeSpan? AdminRetryAfter, string AdminBody)
    {
        public void AssertRefused(string cause)
        {
            foreach (var write in new[] { Post, Patch })
            {
                var detail = write.ExpectScimError(HttpStatusCode.ServiceUnavailable);
                Assert.Contains(cause, detail, StringComparison.Ordinal);
                Assert.Contains("Nothing was changed", detail, StringComparison.Ordinal);
                Assert.Equal(TimeSpan.FromSeconds(5), write.Headers.RetryAfter?.Delta);
                AssertNoInternals(write.Body!.ToJsonString());
            }

            Assert.True(AdminStatus == HttpStatusCode.ServiceUnavailable, $"The admin API answered {(int)AdminStatus}: {AdminBody}");
            Assert.Equal("application/problem+json", AdminContentType);
            Assert.Contains(cause, AdminBody, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(5), AdminRetryAfter);
            AssertNoInternals(AdminBody);
        }

        private static void AssertNoInternals(string body)
        {
            foreach (var secret in new[] { "Data Source", "keepnet", "SqliteException", "SQLite Error", " at " })
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
