using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KeepnetHost.BrowserTests.Infrastructure;

/// <summary>
/// KeepnetHost served for real by Kestrel on a free 127.0.0.1 port, over a throwaway SQLite file and a known admin key,
/// and one headless Chromium (the Debian binary) for the tests to open pages in.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string AdminKey = "browser-tests-admin-key";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "keepnet-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ShiftedClock Clock { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.Missing);

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Admin:ApiKey", AdminKey);
            web.UseSetting("Storage:Provider", "Sqlite");
            web.UseSetting("ConnectionStrings:Keepnet", $"Data Source={Path.Combine(_folder, "keepnet.db")}");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = BaseAddress };

        if (Chromium.Path is null)
        {
            if (Chromium.Required)
            {
                throw new InvalidOperationException(Chromium.Missing);
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pool may still hold the file for a moment; the temp folder is cleaned by the system.
        }
    }

    /// <summary>A fresh browser context (no cookies) with one page at a fixed size, for comparable screenshots.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form, as a person would.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/console");
        await page.Locator("#ApiKey").FillAsync(AdminKey);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        // Not WaitForURLAsync: after an action, its check of the load state races the load event on the client's own thread
        // (one CI run waited 30 s for a "load" that had already fired); the assertion polls the URL instead.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/companies$"));
        return page;
    }

    /// <summary>A company with a SCIM setting made through the admin API; returns the company id, setting id and token.</summary>
    public async Task<(string CompanyId, string SettingId, string Token)> CompanyWithSettingAsync(string name)
    {
        var company = await AdminAsync("api/companies", new JsonObject { ["name"] = name, ["licenseCount"] = 100 });
        var companyId = company["id"]!.GetValue<string>();
        var setting = await AdminAsync($"api/companies/{companyId}/scim-settings", new JsonObject { ["name"] = "Entra ID" });
        return (companyId, setting["id"]!.GetValue<string>(), setting["token"]!.GetValue<string>());
    }

    /// <summary>Sends a SCIM request with a setting's bearer token.</summary>
    public async Task<HttpResponseMessage> ScimAsync(HttpMethod method, string path, string token, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/scim+json");
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonNode> AdminGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private async Task<JsonObject> AdminAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleHostCollection : ICollectionFixture<ConsoleHost>
{
    public const string Name = "console host";
}
