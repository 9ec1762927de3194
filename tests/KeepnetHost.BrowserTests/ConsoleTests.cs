using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeepnetHost.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeepnetHost.BrowserTests;

/// <summary>The admin console driven in headless Chromium against the host on a real port.</summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleTests(ConsoleHost host)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [BrowserFact]
    public async Task SetupGuide_CountryRegionGrouping_UsersArriveWithRegionGroupsAndTimezone()
    {
        var page = await host.SignedInPageAsync();

        // Companies: create one with a licence.
        await page.Locator("#Input_Name").FillAsync("Contoso");
        await page.Locator("#Input_LicenseCount").FillAsync("50");
        await page.Locator("#new-company button[type=submit]").ClickAsync();
        var contoso = page.Locator("#companies tr", new() { HasText = "Contoso" });
        await Expect(contoso).ToContainTextAsync("0 of 50 active");

        // Target Users › Edit fields › + Add custom field "Country / Region".
        await contoso.GetByRole(AriaRole.Link, new() { Name = "Contoso" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Target Users");
        await page.Locator("#edit-fields summary").ClickAsync();
        await page.Locator("#NewField_Name").FillAsync("Country / Region");
        await page.Locator("#add-field button[type=submit]").ClickAsync();
        await Expect(page.Locator("#users th", new() { HasText = "Country / Region" })).ToBeVisibleAsync();

        // SCIM Settings › + New: map Country / Region from addresses[type eq "work"].country, group by it.
        await page.GetByRole(AriaRole.Link, new() { Name = "SCIM Settings" }).ClickAsync();
        await page.Locator("#new-setting").ClickAsync();
        await page.Locator("#Input_Name").FillAsync("Entra ID");
        await page.Locator("#Input_FieldMappings_0__CustomField").SelectOptionAsync("Country / Region");
        await page.Locator("#Input_FieldMappings_0__ScimPath").FillAsync("addresses[type eq \"work\"].country");
        await Expect(page.Locator("#path-error-0")).ToContainTextAsync("valid SCIM path");
        await page.Locator("#Input_GroupBy").SelectOptionAsync("Country / Region");
        await Screenshots.TakeAsync(page, "new-scim-setting");
        await page.Locator("#save-setting").ClickAsync();

        // The token, once, with the Tenant URL beside it.
        await Expect(page.Locator("#issued-token")).ToContainTextAsync("shown only once");
        var token = (await page.Locator("#token").TextContentAsync())!.Trim();
        var tenantUrl = (await page.Locator("#tenant-url").TextContentAsync())!.Trim();
        Assert.Equal(new Uri(host.BaseAddress, "scim").ToString(), tenantUrl);
        Assert.Equal(43, token.Length);
        await Screenshots.TakeAsync(page, "scim-setting-token");

        // Entra ID provisions with that token: usageLocation arrives in timezone, the country in the work address.
        foreach (var (user, country, usageLocation) in new[] { ("alice", "UK", "GB"), ("bora", "TR", "TR"), ("carla", "UK", "GB"), ("dan", (string?)null, "US") })
        {
            var response = await host.ScimAsync(HttpMethod.Post, "scim/Users", token, User(user, country, usageLocation));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Target Users" }).ClickAsync();
        var alice = page.Locator("#users tbody tr", new() { HasText = "alice@contoso.com" });
        await Expect(alice.Locator("td.groups")).ToHaveTextAsync("UK");
        await Expect(alice.Locator("td.timezone")).ToHaveTextAsync("Europe/London");
        var bora = page.Locator("#users tbody tr", new() { HasText = "bora@contoso.com" });
        await Expect(bora.Locator("td.groups")).ToHaveTextAsync("TR");
        await Expect(bora.Locator("td.timezone")).ToHaveTextAsync("Europe/Istanbul");
        await Expect(page.Locator("#users tbody tr", new() { HasText = "dan@contoso.com" }).Locator("td.timezone")).ToHaveTextAsync("America/New_York");

        // Deactivated and deleted users stay listed, shown differently.
        var ids = (await host.ScimAsync(HttpMethod.Get, "scim/Users?filter=" + Uri.EscapeDataString("userName sw \"carla\" or userName sw \"dan\""), token)).Content;
        var found = JsonNode.Parse(await ids.ReadAsStringAsync())!["Resources"]!.AsArray();
        var carlaId = found.First(u => u!["userName"]!.GetValue<string>().StartsWith("carla", StringComparison.Ordinal))!["id"]!.GetValue<string>();
        var danId = found.First(u => u!["userName"]!.GetValue<string>().StartsWith("dan", StringComparison.Ordinal))!["id"]!.GetValue<string>();
        var deactivate = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(new JsonObject { ["op"] = "Replace", ["path"] = "active", ["value"] = false }),
        };
        Assert.Equal(HttpStatusCode.OK, (await host.ScimAsync(HttpMethod.Patch, $"scim/Users/{carlaId}", token, deactivate)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.ScimAsync(HttpMethod.Delete, $"scim/Users/{danId}", token)).StatusCode);
        await page.ReloadAsync();
        await Expect(page.Locator("#users tbody tr", new() { HasText = "carla@contoso.com" })).ToHaveClassAsync("status-inactive");
        var dan = page.Locator("#users tbody tr", new() { HasText = "dan@contoso.com" });
        await Expect(dan).ToHaveClassAsync("status-deleted");
        await Expect(dan).ToContainTextAsync("This user has been deleted");
        await Screenshots.TakeAsync(page, "target-users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Groups" }).ClickAsync();
        var uk = page.Locator("#groups tbody tr", new() { HasText = "UK" });
        await Expect(uk).ToContainTextAsync("Rule (grouping criteria)");
        await Expect(uk).ToContainTextAsync("2 members");
        await Expect(page.Locator("#groups tbody tr", new() { HasText = "TR" })).ToContainTextAsync("1 member");
        await Screenshots.TakeAsync(page, "groups");

        await page.GetByRole(AriaRole.Link, new() { Name = "Companies" }).ClickAsync();
        await Expect(page.Locator("#companies tr", new() { HasText = "Contoso" })).ToContainTextAsync("2 of 50 active");
        await Screenshots.TakeAsync(page, "companies");
    }

    [BrowserFact]
    public async Task ProvisioningLog_UserWithoutMail_ShowsFirstWithItsDetail()
    {
        var (companyId, settingId, token) = await host.CompanyWithSettingAsync("Fabrikam");
        Assert.Equal(HttpStatusCode.Created, (await host.ScimAsync(HttpMethod.Post, "scim/Users", token, User("erin", "UK", "GB"))).StatusCode);
        var noMail = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = "nomail@fabrikam.com" };
        Assert.Equal(HttpStatusCode.BadRequest, (await host.ScimAsync(HttpMethod.Post, "scim/Users", token, noMail)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ScimAsync(HttpMethod.Get, "scim/Users?filter=" + Uri.EscapeDataString("userName eq \"erin@contoso.com\""), token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.ScimAsync(HttpMethod.Get, "scim/Users", "not-a-token")).StatusCode);

        var page = await host.SignedInPageAsync();
        await page.GotoAsync($"/console/companies/{companyId}/log");
        var first = page.Locator("#log tbody tr").First;
        await Expect(first).ToHaveClassAsync("outcome-failed");
        await Expect(first).ToContainTextAsync("nomail@fabrikam.com");
        await Expect(first).ToContainTextAsync("invalidValue");
        await Expect(first).ToContainTextAsync("the platform needs a work email");
        await Expect(page.Locator("#log tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#unattributed")).ToContainTextAsync("matches no SCIM setting");
        await Screenshots.TakeAsync(page, "provisioning-log");

        // The same log in the admin API, failures first, without the token anywhere.
        var log = (await host.AdminGetAsync($"api/companies/{companyId}/scim-settings/{settingId}/log")).AsArray();
        Assert.Equal(400, log[0]!["status"]!.GetValue<int>());
        Assert.Equal("invalidValue", log[0]!["scimType"]!.GetValue<string>());
        Assert.DoesNotContain(token, log.ToJsonString(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task NewSetting_InvalidMappingPath_ShowsErrorWithPositionAndSavesNothing()
    {
        var (companyId, _, _) = await host.CompanyWithSettingAsync("Northwind");
        var page = await host.SignedInPageAsync();
        await page.GotoAsync($"/console/companies/{companyId}/users");
        await page.Locator("#edit-fields summary").ClickAsync();
        await page.Locator("#NewField_Name").FillAsync("Country / Region");
        await page.Locator("#add-field button[type=submit]").ClickAsync();

        await page.GotoAsync($"/console/companies/{companyId}/scim-settings/new");
        await page.Locator("#Input_Name").FillAsync("Broken");
        await page.Locator("#Input_FieldMappings_0__CustomField").SelectOptionAsync("Country / Region");
        const string bad = "addresses[type eq \"work\".country";
        await page.Locator("#Input_FieldMappings_0__ScimPath").FillAsync(bad);

        // Live: the parser's message with its position, and a caret under it.
        var error = page.Locator("#path-error-0");
        await Expect(error).ToContainTextAsync("position");
        await Expect(error.Locator("pre.caret")).ToContainTextAsync("^");
        await Expect(page.Locator("#Input_FieldMappings_0__ScimPath")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.TakeAsync(page, "invalid-mapping-path");

        // On save: the same error next to the field, and no setting stored.
        await page.Locator("#save-setting").ClickAsync();
        await Expect(error).ToContainTextAsync("position");
        await Expect(page.Locator("#issued-token")).ToHaveCountAsync(0);
        await Expect(page.Locator("#Input_FieldMappings_0__ScimPath")).ToHaveValueAsync(bad);
        var settings = (await host.AdminGetAsync($"api/companies/{companyId}/scim-settings")).AsArray();
        Assert.DoesNotContain(settings, s => s!["name"]!.GetValue<string>() == "Broken");

        // Other bad input is shown next to its own field.
        await page.Locator("#Input_FieldMappings_0__ScimPath").FillAsync("addresses[type eq \"work\"].country");
        await page.Locator("#Input_Name").FillAsync("Entra ID");
        await page.Locator("#save-setting").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.Name']")).ToContainTextAsync("already has a SCIM setting named 'Entra ID'");
    }

    [BrowserFact]
    public async Task TargetUsers_ScriptInDisplayName_IsShownAsText()
    {
        var (companyId, _, token) = await host.CompanyWithSettingAsync("Tailspin");
        const string hostile = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
        var user = User("mallory", "UK", "GB");
        user["displayName"] = hostile;
        Assert.Equal(HttpStatusCode.Created, (await host.ScimAsync(HttpMethod.Post, "scim/Users", token, user)).StatusCode);

        var page = await host.SignedInPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync($"/console/companies/{companyId}/users");
        var name = page.Locator("#users tbody tr", new() { HasText = "mallory@contoso.com" }).Locator("td.name");
        await Expect(name).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.Locator("#users img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal(0, dialogs);
    }

    [BrowserFact]
    public async Task Console_WithoutSignIn_GoesToSignInPage()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync("/console/companies/anything/users");
        Assert.Equal(200, response!.Status);
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        // A wrong key is refused next to the field; the right one returns to the page asked for.
        await page.Locator("#ApiKey").FillAsync("wrong");
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='ApiKey']")).ToHaveTextAsync("This is not the admin key.");
        await Screenshots.TakeAsync(page, "sign-in");
        await page.Locator("#ApiKey").FillAsync(ConsoleHost.AdminKey);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/companies/anything/users$"));
        Assert.Equal(404, (await page.ReloadAsync())!.Status);
    }

    [BrowserFact]
    public async Task Console_ExpiredSignIn_ReturnsToSignInPageOnGetAndPost()
    {
        var page = await host.SignedInPageAsync();
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Demo Company" }).ClickAsync();
            await page.Locator("#edit-fields summary").ClickAsync();
            host.Clock.Offset = TimeSpan.FromMinutes(31);
            await page.Locator("#NewField_Name").FillAsync("Never saved");
            await page.Locator("#add-field button[type=submit]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/console/sign-in\?ReturnUrl="));
            await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

            var again = await page.GotoAsync("/console/companies");
            Assert.Equal(200, again!.Status);
            Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            host.Clock.Offset = TimeSpan.Zero;
        }
    }

    [BrowserFact]
    public async Task ScimSettings_Revoke_AsksFirstThenShowsTheNewTokenOnceAndTheOldOneStops()
    {
        var (companyId, _, oldToken) = await host.CompanyWithSettingAsync("Wingtip");
        var page = await host.SignedInPageAsync();
        await page.GotoAsync($"/console/companies/{companyId}/scim-settings");

        var accept = false;
        page.Dialog += (_, dialog) => _ = accept ? dialog.AcceptAsync() : dialog.DismissAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();
        await Expect(page.Locator("#issued-token")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await host.ScimAsync(HttpMethod.Get, "scim/Users", oldToken)).StatusCode);

        accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();
        await Expect(page.Locator("#issued-token")).ToContainTextAsync("The previous token stopped working");
        var newToken = (await page.Locator("#token").TextContentAsync())!.Trim();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.ScimAsync(HttpMethod.Get, "scim/Users", oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ScimAsync(HttpMethod.Get, "scim/Users", newToken)).StatusCode);
        await Screenshots.TakeAsync(page, "scim-settings");

        await page.GotoAsync($"/console/companies/{companyId}/scim-settings");
        await Expect(page.Locator("#issued-token")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Console_Responses_CarrySecurityHeaders()
    {
        var page = await host.NewPageAsync();
        var response = await page.GotoAsync("/console/sign-in");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies, c => Assert.True(c.HttpOnly && c.SameSite == SameSiteAttribute.Strict, c.Name));
    }

    /// <summary>A user as Entra ID sends one: mail as the work email, usageLocation mapped to timezone, the country in the work address.</summary>
    private static JsonObject User(string name, string? country, string usageLocation)
    {
        const string domain = "contoso.com";
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", Enterprise),
            ["externalId"] = Guid.NewGuid().ToString(),
            ["userName"] = $"{name}@{domain}",
            ["active"] = true,
            ["displayName"] = char.ToUpperInvariant(name[0]) + name[1..],
            ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = $"{name}@{domain}" }),
            ["timezone"] = usageLocation,
        };
        if (country is not null)
        {
            user["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["country"] = country });
        }

        return user;
    }
}
