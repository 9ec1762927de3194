using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Scim.LoadTest;

/// <summary>The Entra-style run: companies, baseline, initial cycle (users, then groups and members), incremental cycle, verification.</summary>
public sealed class Cycle(Options options, Entra entra, HostProcess? host, TextWriter output)
{
    // Entra's usageLocation values and the IANA zones the platform must derive from them.
    private static readonly Dictionary<string, string> Zones = new()
    {
        ["GB"] = "Europe/London", ["DE"] = "Europe/Berlin", ["FR"] = "Europe/Paris", ["US"] = "America/New_York", ["JP"] = "Asia/Tokyo", ["TR"] = "Europe/Istanbul",
    };

    private readonly string _run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
    private readonly List<PhaseResult> _phases = [];

    // The baseline and SCIM's users phase alternate in this many slices.
    private const int Slices = 10;

    public async Task<LoadResult> RunAsync()
    {
        await WarmUpAsync();
        var tenants = await CreateTenantsAsync();
        var users = tenants.SelectMany(t => t.Users.Select(u => (t, u))).ToList();
        const string baselineName = "baseline: GET ?userName= then POST, no SCIM";
        const string usersName = "initial cycle: users (GET filter userName eq, then POST)";
        Recorder? baseline = null;
        Recorder initialUsers;
        if (options.Baseline)
        {
            // The baseline stores as many users as SCIM does.
            output.WriteLine($"-- {baselineName}, and {usersName}, alternating in {Slices} slices ...");
            baseline = new Recorder(baselineName, host, output);
            initialUsers = new Recorder(usersName, host, output);
            await AlternateAsync(baseline, Enumerable.Range(0, users.Count).ToList(), BaselineUserAsync, initialUsers, users, ScimUserAsync);
            Finish(baseline, LoadPhase.Baseline);
            Finish(initialUsers, LoadPhase.InitialUsers);
        }
        else
        {
            initialUsers = await PhaseAsync(LoadPhase.InitialUsers, usersName, users, ScimUserAsync);
        }

        (Recorder Baseline, Recorder Scim)? lookups = options.Baseline ? await LookupsAsync(users) : null;

        var groups = tenants.SelectMany(t => t.Groups.Select(g => (t, g))).ToList();
        await PhaseAsync(LoadPhase.InitialGroups, "initial cycle: groups (GET filter displayName eq, then POST, no members)", groups, async (r, item) =>
        {
            var (tenant, group) = item;
            await entra.SendAsync(r, "GET group by displayName", HttpMethod.Get,
                $"/scim/Groups?excludedAttributes=members&{Entra.Filter($"displayName eq \"{group.Name}\"")}", tenant.Token, null, HttpStatusCode.OK);
            group.Id = (await entra.SendAsync(r, "POST group", HttpMethod.Post, "/scim/Groups", tenant.Token, Entra.CreateGroup(group.Name), HttpStatusCode.Created))?["id"]?.GetValue<string>();
        });

        var batches = groups.Where(g => g.g.Id is not null)
            .SelectMany(g => g.g.Members.Where(m => m.Id is not null).Chunk(options.MemberBatch).Select(batch => (g.t, g.g, batch))).ToList();
        await PhaseAsync(LoadPhase.InitialMembers, $"initial cycle: members (PATCH Add, {options.MemberBatch} per request)", batches, async (r, item) =>
        {
            var kind = item.g.Members.Count >= options.BigGroup ? "PATCH add members (big)" : "PATCH add members";
            await entra.SendAsync(r, kind, HttpMethod.Patch, $"/scim/Groups/{item.g.Id}", item.t.Token, Entra.Members("Add", item.batch.Select(u => u.Id!)), HttpStatusCode.NoContent);
        });

        // 5% changed, 1% disabled, 1% deleted: disjoint, spread over every company and group.
        var incremental = users.Where(x => x.u.Id is not null && x.u.Index % 100 < 7).ToList();
        await PhaseAsync(LoadPhase.Incremental, "incremental cycle: 5% changed, 1% disabled, 1% deleted", incremental, async (r, item) =>
        {
            var (tenant, user) = item;
            switch (user.Index % 100)
            {
                case < 5:
                    user.Email = "changed." + user.UserName;
                    user.Country = "DE";
                    await entra.SendAsync(r, "GET by id", HttpMethod.Get, $"/scim/Users/{user.Id}", tenant.Token, null, HttpStatusCode.OK);
                    await entra.SendAsync(r, "PATCH user (4 ops)", HttpMethod.Patch, $"/scim/Users/{user.Id}", tenant.Token, Entra.ChangeUser(user), HttpStatusCode.OK);
                    break;
                case 5:
                    user.ExpectedStatus = "Inactive";
                    await entra.SendAsync(r, "PATCH active \"False\"", HttpMethod.Patch, $"/scim/Users/{user.Id}", tenant.Token, Entra.Disable(), HttpStatusCode.OK);
                    break;
                default:
                    user.ExpectedStatus = "Deleted";
                    user.Groups.Clear();
                    await entra.SendAsync(r, "DELETE", HttpMethod.Delete, $"/scim/Users/{user.Id}", tenant.Token, null, HttpStatusCode.NoContent);
                    break;
            }
        });

        var mismatches = await VerifyAsync(tenants);
        Summarise(baseline, initialUsers, lookups, tenants.Sum(t => t.Users.Count));
        return new LoadResult(_phases, tenants.Sum(t => t.Users.Count), tenants.Sum(t => t.Groups.Count), mismatches);
    }

    private async Task<List<Tenant>> CreateTenantsAsync()
    {
        var setup = new Recorder("setup", null, output);
        var tenants = new List<Tenant>();
        for (var c = 0; c < options.Companies; c++)
        {
            var tenant = await CreateCompanyAsync(setup, $"Load {_run} #{c}");
            var count = c == 0 ? Math.Max(options.Users, options.BigGroup) : options.Users;
            var countries = Zones.Keys.ToArray();
            for (var i = 0; i < count; i++)
            {
                tenant.Users.Add(new LoadUser(i, $"u{i}.{_run}@c{c}.example", countries[i % countries.Length]));
            }

            foreach (var (chunk, g) in tenant.Users.Chunk(options.GroupSize).Select((chunk, g) => (chunk, g)))
            {
                var group = new LoadGroup($"Team {g} {_run}");
                Join(group, chunk);
                tenant.Groups.Add(group);
            }

            if (c == 0 && options.BigGroup > 0)
            {
                var big = new LoadGroup($"All staff {_run}");
                Join(big, tenant.Users.Take(options.BigGroup));
                tenant.Groups.Add(big);
            }

            tenants.Add(tenant);
        }

        return tenants;

        static void Join(LoadGroup group, IEnumerable<LoadUser> users)
        {
            foreach (var user in users)
            {
                group.Members.Add(user);
                user.Groups.Add(group.Name);
            }
        }
    }

    /// <summary>A company with licences for any load and an Entra ID setting, through the admin API.</summary>
    private async Task<Tenant> CreateCompanyAsync(Recorder setup, string name)
    {
        var company = await entra.SendAsync(setup, "admin", HttpMethod.Post, "/api/companies", null,
            new JsonObject { ["name"] = name, ["licenseCount"] = 1_000_000 }.ToJsonString(), HttpStatusCode.Created, options.AdminKey)
            ?? throw new InvalidOperationException("Could not create a company: is the admin key right?");
        var companyId = company["id"]!.GetValue<string>();
        var setting = await entra.SendAsync(setup, "admin", HttpMethod.Post, $"/api/companies/{companyId}/scim-settings", null,
            new JsonObject { ["name"] = "Entra ID", ["syncPlatformGroup"] = true }.ToJsonString(), HttpStatusCode.Created, options.AdminKey)
            ?? throw new InvalidOperationException("Could not create a SCIM setting.");
        return new Tenant(companyId, setting["token"]!.GetValue<string>());
    }

    /// <summary>
    /// Every request shape of the run goes first through a company of its own that is not verified: the runtime
    /// compiles a method again, optimised, only after its first calls, and the phases after the users' are a few seconds
    /// each, so without this they would be measured while their code is still being compiled (on this 2-core machine
    /// the background compiler took a quarter of a core through the whole member phase).
    /// </summary>
    private async Task WarmUpAsync()
    {
        var warm = new Recorder("warm-up", null, output);
        var tenant = await CreateCompanyAsync(warm, $"Load {_run} warm-up");
        var users = Enumerable.Range(0, options.WarmUp).Select(i => new LoadUser(i, $"w{i}.{_run}@warm-up.example", "GB")).ToList();
        await Parallel.ForEachAsync(users, Concurrency(), async (user, _) =>
        {
            // A lookup that finds nothing, the create, and a lookup that finds the user (the lookups phase's shape).
            var lookup = $"/scim/Users?{Entra.Filter($"userName eq \"{user.UserName}\"")}";
            await entra.SendAsync(warm, "GET", HttpMethod.Get, lookup, tenant.Token, null, HttpStatusCode.OK);
            user.Id = (await entra.SendAsync(warm, "POST", HttpMethod.Post, "/scim/Users", tenant.Token, Entra.CreateUser(user), HttpStatusCode.Created))?["id"]?.GetValue<string>();
            await entra.SendAsync(warm, "GET", HttpMethod.Get, lookup, tenant.Token, null, HttpStatusCode.OK);
            if (options.Baseline)
            {
                var baselineLookup = $"/baseline/Users?userName={Uri.EscapeDataString(user.UserName)}";
                await entra.SendAsync(warm, "GET", HttpMethod.Get, baselineLookup, null, null, HttpStatusCode.OK);
                await entra.SendAsync(warm, "POST", HttpMethod.Post, "/baseline/Users", null, Entra.CreateUser(user), HttpStatusCode.Created);
                await entra.SendAsync(warm, "GET", HttpMethod.Get, baselineLookup, null, null, HttpStatusCode.OK);
            }
        });

        // The groups, members and incremental shapes, a tenth as many of each (member adds of 10: the code is the same).
        var created = users.Where(u => u.Id is not null).ToList();
        var batches = created.Chunk(10).Take(Math.Max(1, options.WarmUp / 10)).ToList();
        await Parallel.ForEachAsync(batches.Select((batch, g) => (batch, g)), Concurrency(), async (item, _) =>
        {
            var name = $"Warm-up {item.g} {_run}";
            await entra.SendAsync(warm, "GET", HttpMethod.Get, $"/scim/Groups?excludedAttributes=members&{Entra.Filter($"displayName eq \"{name}\"")}", tenant.Token, null, HttpStatusCode.OK);
            var id = (await entra.SendAsync(warm, "POST", HttpMethod.Post, "/scim/Groups", tenant.Token, Entra.CreateGroup(name), HttpStatusCode.Created))?["id"]?.GetValue<string>();
            await entra.SendAsync(warm, "PATCH", HttpMethod.Patch, $"/scim/Groups/{id}", tenant.Token, Entra.Members("Add", item.batch.Select(u => u.Id!)), HttpStatusCode.NoContent);
        });
        await Parallel.ForEachAsync(created.Take(Math.Max(3, options.WarmUp / 10)), Concurrency(), async (user, _) =>
        {
            await entra.SendAsync(warm, "GET", HttpMethod.Get, $"/scim/Users/{user.Id}", tenant.Token, null, HttpStatusCode.OK);
            user.Country = "DE";
            await entra.SendAsync(warm, "PATCH", HttpMethod.Patch, $"/scim/Users/{user.Id}", tenant.Token, Entra.ChangeUser(user), HttpStatusCode.OK);
            await entra.SendAsync(warm, "PATCH", HttpMethod.Patch, $"/scim/Users/{user.Id}", tenant.Token, Entra.Disable(), HttpStatusCode.OK);
            await entra.SendAsync(warm, "DELETE", HttpMethod.Delete, $"/scim/Users/{user.Id}", tenant.Token, null, HttpStatusCode.NoContent);
        });
        if (warm.Errors > 0)
        {
            throw new InvalidOperationException("The warm-up failed (is the host started with LoadTest__Baseline=true, or run with --no-baseline?).");
        }
    }

    /// <summary>
    /// Looks up users that exist, by userName, on both paths, alternating in slices: in the users phase each GET shares
    /// the machine with a create beside it, so its figure moves with the create's cost; here a GET is measured alone.
    /// A fifth of the users, spread over every company (at most 20,000), each looked up once on each path.
    /// </summary>
    private async Task<(Recorder Baseline, Recorder Scim)> LookupsAsync(List<(Tenant Tenant, LoadUser User)> users)
    {
        const string baselineName = "lookups: baseline GET ?userName= of rows that exist";
        const string scimName = "lookups: SCIM GET filter userName eq of users that exist";
        output.WriteLine($"-- {baselineName}, and {scimName}, alternating in {Slices} slices ...");
        var sample = Enumerable.Range(0, users.Count).Where(i => i % 5 == 0).Take(20_000).ToList();
        var baseline = new Recorder(baselineName, host, output);
        var scim = new Recorder(scimName, host, output);
        await AlternateAsync(
            baseline,
            sample,
            async (r, i) =>
            {
                var found = await entra.SendAsync(r, "GET by userName", HttpMethod.Get, $"/baseline/Users?userName={Uri.EscapeDataString($"b{i}.{_run}@baseline.example")}", null, null, HttpStatusCode.OK);
                if (found?["totalResults"]?.GetValue<int>() is not 1)
                {
                    r.Error($"baseline row b{i}: the lookup did not find it once");
                }
            },
            scim,
            sample,
            async (r, i) =>
            {
                var (tenant, user) = users[i];
                var found = await entra.SendAsync(r, "GET by userName", HttpMethod.Get, $"/scim/Users?{Entra.Filter($"userName eq \"{user.UserName}\"")}", tenant.Token, null, HttpStatusCode.OK);
                if (found?["totalResults"]?.GetValue<int>() is not 1)
                {
                    r.Error($"{user.UserName}: the lookup did not find the user once");
                }
            });

        Finish(baseline, LoadPhase.BaselineLookups);
        Finish(scim, LoadPhase.Lookups);
        return (baseline, scim);
    }

    private async Task BaselineUserAsync(Recorder r, int i)
    {
        var user = new LoadUser(i, $"b{i}.{_run}@baseline.example", "GB");
        await entra.SendAsync(r, "GET by userName", HttpMethod.Get, $"/baseline/Users?userName={Uri.EscapeDataString(user.UserName)}", null, null, HttpStatusCode.OK);
        await entra.SendAsync(r, "POST", HttpMethod.Post, "/baseline/Users", null, Entra.CreateUser(user), HttpStatusCode.Created);
    }

    private async Task ScimUserAsync(Recorder r, (Tenant Tenant, LoadUser User) item)
    {
        var (tenant, user) = item;
        var found = await entra.SendAsync(r, "GET by userName", HttpMethod.Get, $"/scim/Users?{Entra.Filter($"userName eq \"{user.UserName}\"")}", tenant.Token, null, HttpStatusCode.OK);
        if (found?["totalResults"]?.GetValue<int>() is not 0)
        {
            r.Error($"{user.UserName}: the lookup before the create did not answer an empty list");
        }

        user.Id = (await entra.SendAsync(r, "POST", HttpMethod.Post, "/scim/Users", tenant.Token, Entra.CreateUser(user), HttpStatusCode.Created))?["id"]?.GetValue<string>();
    }

    private static IEnumerable<T> Slice<T>(List<T> items, int slice) =>
        items.Skip(items.Count * slice / Slices).Take((items.Count * (slice + 1) / Slices) - (items.Count * slice / Slices));

    /// <summary>
    /// The baseline's work and SCIM's in <see cref="Slices"/> alternating slices, so that both meet the same moments of a
    /// shared machine and tables of the same size.
    /// </summary>
    private async Task AlternateAsync<TBaseline, TScim>(
        Recorder baseline, List<TBaseline> baselineItems, Func<Recorder, TBaseline, Task> baselineBody,
        Recorder scim, List<TScim> scimItems, Func<Recorder, TScim, Task> scimBody)
    {
        baseline.Pause();
        scim.Pause();
        for (var slice = 0; slice < Slices; slice++)
        {
            await SliceAsync(baseline, Slice(baselineItems, slice), baselineBody);
            await SliceAsync(scim, Slice(scimItems, slice), scimBody);
        }
    }

    private async Task<Recorder> PhaseAsync<T>(LoadPhase phase, string name, IEnumerable<T> items, Func<Recorder, T, Task> body)
    {
        output.WriteLine($"-- {name} ...");
        var recorder = new Recorder(name, host, output);
        await SliceAsync(recorder, items, body);
        Finish(recorder, phase);
        return recorder;
    }

    private async Task SliceAsync<T>(Recorder recorder, IEnumerable<T> items, Func<Recorder, T, Task> body)
    {
        recorder.Resume();
        await Parallel.ForEachAsync(items, Concurrency(), async (item, _) => await body(recorder, item));
        recorder.Pause();
    }

    private void Finish(Recorder recorder, LoadPhase phase)
    {
        recorder.Stop();
        recorder.Print();
        _phases.Add(new PhaseResult(phase, recorder.Phase, recorder.Requests, recorder.Errors, recorder.Elapsed));
    }

    private ParallelOptions Concurrency() => new() { MaxDegreeOfParallelism = options.Clients, CancellationToken = entra.CancellationToken };

    /// <summary>Reads every company back through the admin API: each user once, with the status, time zone, mail and groups it must have.</summary>
    private async Task<int> VerifyAsync(List<Tenant> tenants)
    {
        var check = new Recorder("verify", null, output);
        var mismatches = 0;
        void Mismatch(string what)
        {
            if (++mismatches <= 20)
            {
                output.WriteLine($"  MISMATCH: {what}");
            }
        }

        foreach (var tenant in tenants)
        {
            var rows = (await entra.SendAsync(check, "admin", HttpMethod.Get, $"/api/companies/{tenant.CompanyId}/target-users", null, null, HttpStatusCode.OK, options.AdminKey))?.AsArray() ?? [];
            var byName = rows.GroupBy(u => u!["userName"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
            if (rows.Count != tenant.Users.Count)
            {
                Mismatch($"company {tenant.CompanyId}: {rows.Count} target users, expected {tenant.Users.Count}");
            }

            foreach (var user in tenant.Users)
            {
                if (!byName.TryGetValue(user.UserName, out var found) || found.Count != 1)
                {
                    Mismatch($"{user.UserName}: {found?.Count ?? 0} target users, expected exactly 1");
                    continue;
                }

                var row = found[0]!;
                var groups = row["groups"]!.AsArray().Select(g => g!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
                var expectedGroups = user.Groups.Order(StringComparer.Ordinal).ToList();
                if (Text(row["status"]) != user.ExpectedStatus || Text(row["timezone"]) != Zones[user.Country] || Text(row["email"]) != user.Email
                    || Text(row["id"]) != user.Id || !groups.SequenceEqual(expectedGroups))
                {
                    Mismatch($"{user.UserName}: got status {Text(row["status"])}, timezone {Text(row["timezone"])}, email {Text(row["email"])}, groups [{string.Join(", ", groups)}]; " +
                        $"expected {user.ExpectedStatus}, {Zones[user.Country]}, {user.Email}, [{string.Join(", ", expectedGroups)}]");
                }
            }

            var platformGroups = (await entra.SendAsync(check, "admin", HttpMethod.Get, $"/api/companies/{tenant.CompanyId}/groups", null, null, HttpStatusCode.OK, options.AdminKey))?.AsArray() ?? [];
            foreach (var group in tenant.Groups)
            {
                var same = platformGroups.Where(g => Text(g!["name"]) == group.Name).ToList();
                var expected = group.Members.Count(m => m.ExpectedStatus != "Deleted");
                if (same.Count != 1 || same[0]!["memberCount"]!.GetValue<int>() != expected)
                {
                    Mismatch($"group {group.Name}: {same.Count} groups of that name, member count {same.FirstOrDefault()?["memberCount"]}, expected 1 group of {expected}");
                }
            }

            // SCIM agrees: every user that is not deleted, and no more.
            var total = (await entra.SendAsync(check, "admin", HttpMethod.Get, $"/scim/Users?count=0", tenant.Token, null, HttpStatusCode.OK))?["totalResults"]?.GetValue<int>();
            if (total != tenant.Users.Count(u => u.ExpectedStatus != "Deleted"))
            {
                Mismatch($"company {tenant.CompanyId}: SCIM lists {total} users, expected {tenant.Users.Count(u => u.ExpectedStatus != "Deleted")}");
            }
        }

        check.Stop();
        _phases.Add(new PhaseResult(LoadPhase.Verify, "verify", check.Requests, check.Errors, check.Elapsed));
        output.WriteLine($"== verify: {tenants.Sum(t => t.Users.Count)} users and {tenants.Sum(t => t.Groups.Count)} groups checked through the admin API, {mismatches} mismatches, {check.Errors} errors");
        return mismatches;
    }

    private void Summarise(Recorder? baseline, Recorder initialUsers, (Recorder Baseline, Recorder Scim)? lookups, int userCount)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SUMMARY ({options.Clients} clients, {options.Companies} companies, {userCount} users)"));
        foreach (var phase in _phases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase.Description}: {phase.Throughput:F0} req/s, {phase.Errors} errors, {phase.Elapsed.TotalSeconds:F1} s"));
        }

        if (baseline is not null)
        {
            // Closed loop at the same concurrency: throughput is inversely proportional to the mean latency of each kind.
            foreach (var kind in new[] { "POST", "GET by userName" })
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  SCIM / baseline, {kind}: {baseline.Mean(kind) / initialUsers.Mean(kind):P0} (mean {initialUsers.Mean(kind):F2} ms vs {baseline.Mean(kind):F2} ms)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SCIM / baseline, the GET+POST mix: {initialUsers.Throughput / baseline.Throughput:P0}"));
            if (lookups is var (baselineLookups, scimLookups))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  SCIM / baseline, GET by userName alone (lookups of users that exist): {scimLookups.Throughput / baselineLookups.Throughput:P0} ({scimLookups.Throughput:F0} vs {baselineLookups.Throughput:F0} req/s)"));
            }

            // The steadiest figure on a shared machine: what one request costs the host, whatever else ran meanwhile.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  host CPU per request of the mix: SCIM {initialUsers.HostCpuPerRequest:F3} ms, baseline {baseline.HostCpuPerRequest:F3} ms (baseline / SCIM {baseline.HostCpuPerRequest / initialUsers.HostCpuPerRequest:P0})"));
        }

        if (host?.Read() is { } end)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  host {host.Pid}: peak RSS {end.PeakRssMb:F0} MB (VmHWM, since start), RSS now {end.RssMb:F0} MB, CPU {end.CpuSeconds:F0} s in all"));
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
