using System.Net;
using System.Text.RegularExpressions;
using KeepnetHost.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeepnetHost.Tests.AdminConsole;

/// <summary>
/// The console's forms and the admin key over HTTP on the real host: a form posted without its own session's
/// anti-forgery token is refused and changes nothing, and guessing the admin key (on the sign-in form or the admin API)
/// is limited per client address.
/// </summary>
public sealed partial class ConsoleSecurityTests(KeepnetHostFixture host) : IClassFixture<KeepnetHostFixture>, IAsyncLifetime
{
    private const string Companies = "/console/companies";
    private const string SignIn = "/console/sign-in";

    public Task InitializeAsync() => host.StartAsync(HostDatabase.SqliteAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConsolePost_MissingForgedOrOtherSessionsToken_Is400AndChangesNothing()
    {
        using var session = await SignedInClientAsync(host.Factory);
        using var other = await SignedInClientAsync(host.Factory);
        var ownToken = await TokenAsync(session, Companies);
        var otherToken = await TokenAsync(other, Companies);
        var forged = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

        var attempts = new[] { ("No token", (string?)null), ("Forged token", forged), ("Other session's token", otherToken) };
        foreach (var (name, token) in attempts)
        {
            using var refused = await CreateCompanyAsync(session, name, token);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)refused.StatusCode}");
        }

        // The session itself was good: its own token goes through, and only that company was made.
        using var created = await CreateCompanyAsync(session, "Own token", ownToken);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var names = (await host.Factory.Admin().SendAsync(HttpMethod.Get, "/api/companies")).Expect(HttpStatusCode.OK).AsArray()
            .Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Own token", names);
        Assert.Empty(names.Intersect(attempts.Select(a => a.Item1)));
    }

    [Fact]
    public async Task SignIn_RepeatedWrongKeys_429RefusalThatAlsoStopsTheRightKeyFromThatAddress()
    {
        await using var limited = host.Another(Limits(window: 600));
        using var browser = Client(limited);

        using var first = await SignInAsync(browser, "wrong-0");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("This is not the admin key.", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var refused = await UntilLimitedAsync(i => SignInAsync(browser, $"wrong-{i}"));
        AssertRefusalPage(refused, await refused.Content.ReadAsStringAsync());

        // A right guess now would be no use to a guesser: it is refused unchecked, on the form and the admin API alike.
        using var right = await SignInAsync(browser, KeepnetFactory.AdminKey);
        AssertRefusalPage(right, await right.Content.ReadAsStringAsync());
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await AdminApiAsync(limited, KeepnetFactory.AdminKey, address: null)).Response.StatusCode);
        // Another address is not locked out.
        Assert.Equal(StatusCodes.Status200OK, (await AdminApiAsync(limited, KeepnetFactory.AdminKey, IPAddress.Parse("198.51.100.9"))).Response.StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterTheRefusalWindow_RightKeySignsIn()
    {
        await using var limited = host.Another(Limits(window: 2));
        using var browser = Client(limited);

        using var refused = await UntilLimitedAsync(i => SignInAsync(browser, $"wrong-{i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // The fixed window's Retry-After is the whole window, so after it the address has its tries again.
        await Task.Delay(refused.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(200));

        using var signedIn = await SignInAsync(browser, KeepnetFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(Companies, signedIn.Headers.Location?.OriginalString);
        using var page = await browser.GetAsync(new Uri(Companies, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task AdminApi_RepeatedWrongKeysFromOneAddress_429WithRetryAfterForThatAddressOnly()
    {
        await using var limited = host.Another(Limits(window: 600));
        var guesser = IPAddress.Parse("203.0.113.7");

        Assert.Equal(StatusCodes.Status401Unauthorized, (await AdminApiAsync(limited, "wrong", guesser)).Response.StatusCode);
        HttpContext? limitedAnswer = null;
        for (var i = 0; i < 8 && limitedAnswer?.Response.StatusCode != StatusCodes.Status429TooManyRequests; i++)
        {
            limitedAnswer = await AdminApiAsync(limited, $"wrong-{i}", guesser);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, limitedAnswer!.Response.StatusCode);
        Assert.Equal("600", limitedAnswer.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", limitedAnswer.Response.ContentType);
        Assert.Contains("Too many wrong admin keys from this address", await new StreamReader(limitedAnswer.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await AdminApiAsync(limited, KeepnetFactory.AdminKey, guesser)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await AdminApiAsync(limited, KeepnetFactory.AdminKey, IPAddress.Parse("198.51.100.9"))).Response.StatusCode);
    }

    private static Dictionary<string, string> Limits(int window) => new()
    {
        ["Admin:RateLimit:WrongKeys"] = "3",
        ["Admin:RateLimit:WindowSeconds"] = window.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so a sign-in's 302 is seen).</summary>
    private static HttpClient Client(KeepnetFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpClient> SignedInClientAsync(KeepnetFactory factory)
    {
        var client = Client(factory);
        using var signedIn = await SignInAsync(client, KeepnetFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser does, with the token of the form it was just given.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key) =>
        await PostAsync(client, SignIn, await TokenAsync(client, SignIn), ("ApiKey", key));

    private static Task<HttpResponseMessage> CreateCompanyAsync(HttpClient client, string name, string? token) =>
        PostAsync(client, Companies + "?handler=Create", token, ("Input.Name", name), ("Input.LicenseCount", "5"), ("Input.LicensePolicy", "warn"));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        return client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Loads a console page (which sets the anti-forgery cookie) and returns the token of its forms.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var match = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{path} has no anti-forgery token.");
        return match.Groups[1].Value;
    }

    /// <summary>The admin API from a given client address (the test server's own requests have none).</summary>
    private static Task<HttpContext> AdminApiAsync(KeepnetFactory factory, string key, IPAddress? address) => factory.Server.SendAsync(context =>
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/companies";
        context.Request.Headers["X-Api-Key"] = key;
        context.Connection.RemoteIpAddress = address;
    });

    /// <summary>Sends until the limit answers 429 (3 wrong keys allowed): at most 8 tries, so a limiter that never answers 429 fails.</summary>
    private static async Task<HttpResponseMessage> UntilLimitedAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        for (var i = 0; ; i++)
        {
            var response = await send(i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || i == 7)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private static void AssertRefusalPage(HttpResponseMessage response, string html)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many wrong admin keys from this address: try again in", html, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
