using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>A host that protects the SCIM group with ASP.NET Core authorization still answers 401/403 as SCIM errors.</summary>
public sealed class AuthorizationTests
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("reader", HttpStatusCode.Forbidden)]
    [InlineData("provisioner", HttpStatusCode.OK)]
    public async Task RequireAuthorization_FailuresAreScimErrors(string? role, HttpStatusCode expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication("Role").AddScheme<AuthenticationSchemeOptions, RoleHeaderHandler>("Role", null);
        builder.Services.AddAuthorizationBuilder().AddPolicy("scim", p => p.RequireRole("provisioner"));
        builder.Services.AddScim().AddInMemoryStore();
        await using var app = builder.Build();
        app.MapScim("/scim").RequireAuthorization("scim");
        app.MapGet("/plain", () => "hi").RequireAuthorization("scim");
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/Users");
        if (role is not null)
        {
            request.Headers.Add("X-Role", role);
        }

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType!.MediaType);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(0, body["totalResults"]!.GetValue<int>());
            return;
        }

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), body["status"]!.GetValue<string>());
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Role", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        // Endpoints outside the SCIM group keep ASP.NET Core's own (empty) answer.
        using var plain = await client.GetAsync("/plain");
        Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.Empty(await plain.Content.ReadAsStringAsync());
    }

    private sealed class RoleHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers["X-Role"].FirstOrDefault() is not { } role)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "idp"), new Claim(ClaimTypes.Role, role)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = 401;
            Response.Headers.WWWAuthenticate = "Role";
            return Task.CompletedTask;
        }
    }
}
