using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Scim.LoadTest;

/// <summary>
/// Adding and removing one member on a group of <c>--large</c> members against one of <c>--small</c>, in alternation so
/// both sides share the machine's state, plus <c>GET ?excludedAttributes=members</c> on both.
/// </summary>
public sealed class LargeGroups(Options options, Entra entra, HostProcess? host, TextWriter output)
{
    public async Task<LoadResult> RunAsync()
    {
        var setup = new Recorder("setup", host, output);
        var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var company = await entra.SendAsync(setup, "admin", HttpMethod.Post, "/api/companies", null,
            new JsonObject { ["name"] = $"Large groups {run}", ["licenseCount"] = 1_000_000 }.ToJsonString(), HttpStatusCode.Created, options.AdminKey)
            ?? throw new InvalidOperationException("Could not create a company: is the admin key right?");
        var companyId = company["id"]!.GetValue<string>();
        var token = (await entra.SendAsync(setup, "admin", HttpMethod.Post, $"/api/companies/{companyId}/scim-settings", null,
            new JsonObject { ["name"] = "Entra ID" }.ToJsonString(), HttpStatusCode.Created, options.AdminKey))!["token"]!.GetValue<string>();

        var groups = new Dictionary<string, string>();
        foreach (var (label, size) in new[] { ("small", options.SmallSize), ("large", options.LargeSize) })
        {
            var id = (await entra.SendAsync(setup, "POST group", HttpMethod.Post, "/scim/Groups", token, Entra.CreateGroup($"{label} {run}"), HttpStatusCode.Created))!["id"]!.GetValue<string>();
            var started = DateTime.UtcNow;
            await entra.SendAsync(setup, "seed", HttpMethod.Post, $"/loadtest/groups/{id}/seed?count={size}", null, "{}", HttpStatusCode.OK, options.AdminKey);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- seeded the {label} group with {size} members in {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
            groups[label] = id;
        }

        var user = new LoadUser(0, $"mover.{run}@large.example", "GB");
        var userId = (await entra.SendAsync(setup, "POST", HttpMethod.Post, "/scim/Users", token, Entra.CreateUser(user), HttpStatusCode.Created))!["id"]!.GetValue<string>();
        if (setup.Errors > 0)
        {
            throw new InvalidOperationException("Set-up failed (is the host started with LoadTest__Baseline=true?).");
        }

        var recorder = new Recorder($"member add/remove: group of {options.LargeSize} vs {options.SmallSize}", host, output);
        for (var round = 0; round < options.Rounds + 5; round++)
        {
            // The first rounds warm up and are not kept.
            var r = round < 5 ? new Recorder("warm-up", null, output) : recorder;
            foreach (var (label, id) in groups)
            {
                await entra.SendAsync(r, $"add 1 member, {label}", HttpMethod.Patch, $"/scim/Groups/{id}", token, Entra.Members("Add", [userId]), HttpStatusCode.NoContent);
                await entra.SendAsync(r, $"remove 1 member, {label}", HttpMethod.Patch, $"/scim/Groups/{id}", token, Entra.Members("Remove", [userId]), HttpStatusCode.NoContent);
                var got = await entra.SendAsync(r, $"GET excludedAttributes=members, {label}", HttpMethod.Get, $"/scim/Groups/{id}?excludedAttributes=members", token, null, HttpStatusCode.OK);
                if (got?["members"] is not null)
                {
                    r.Error("GET with excludedAttributes=members returned members");
                }
            }
        }

        recorder.Stop();
        recorder.Print();
        foreach (var kind in new[] { "add 1 member", "remove 1 member", "GET excludedAttributes=members" })
        {
            var ratio = recorder.Mean($"{kind}, large") / recorder.Mean($"{kind}, small");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind}: large / small = {ratio:F2} (target <= 2): {(ratio <= 2 ? "met" : "NOT met")}"));
        }

        return new LoadResult([new PhaseResult(LoadPhase.LargeGroups, recorder.Phase, recorder.Requests, recorder.Errors, recorder.Elapsed)], 0, 0, 0);
    }
}
