using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.AspNetCore;

namespace Scim.AspNetCore.Tests;

/// <summary>A minimal app over the real ASP.NET Core pipeline (TestServer): AddScim, an in-memory store, MapScim("/scim").</summary>
internal sealed class ScimTestHost : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication _app;

    private ScimTestHost(WebApplication app, HttpClient client, ConcurrentQueue<string> logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ScimTestHost> StartAsync(
        Action<ScimOptions>? configure = null,
        Action<ScimBuilder>? store = null,
        string prefix = "/scim",
        bool requireToken = true,
        Action<WebApplication>? middleware = null,
        LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        var logs = new ConcurrentQueue<string>();
        builder.Logging.ClearProviders().SetMinimumLevel(logLevel).AddProvider(new QueueLoggerProvider(logs, logLevel));
        var scim = builder.Services.AddScim(configure);
        (store ?? (s => s.AddInMemoryStore()))(scim);
        var app = builder.Build();
        middleware?.Invoke(app);
        var group = app.MapScim(prefix);
        if (requireToken)
        {
            group.RequireScimBearerToken(Token);
        }

        await app.StartAsync();
        var client = app.GetTestClient();
        client.BaseAddress = new Uri("http://localhost" + prefix.Replace("{tenant}", "acme", StringComparison.Ordinal) + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return new ScimTestHost(app, client, logs);
    }

    public async Task<Response> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/scim+json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Response(response, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    public Task<Response> GetAsync(string path, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Get, path, configure: configure);

    public Task<Response> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Response> PatchAsync(string path, string body, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Patch, path, body, configure: configure);

    public async Task<JsonObject> CreateUserAsync(string userName, string? externalId = null)
    {
        var external = externalId is null ? string.Empty : $", \"externalId\": \"{externalId}\"";
        var response = await PostAsync("Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"{{external}}}""");
        Assert.Equal(201, response.Status);
        return response.Body!;
    }

    public async Task<JsonObject> CreateGroupAsync(string displayName)
    {
        var response = await PostAsync("Groups", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{displayName}}"}""");
        Assert.Equal(201, response.Status);
        return response.Body!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    public sealed record Response(HttpResponseMessage Message, JsonObject? Body)
    {
        public int Status => (int)Message.StatusCode;

        public string? ContentType => Message.Content.Headers.ContentType?.ToString();

        public string? ETag => Message.Headers.ETag?.ToString();

        public string? ScimType => Body?["scimType"]?.GetValue<string>();

        public string? Detail => Body?["detail"]?.GetValue<string>();

        /// <summary>Asserts a SCIM error body (RFC 7644 §3.12) with this status and scimType.</summary>
        public void AssertError(int status, string? scimType = null)
        {
            Assert.True(status == Status, $"Expected {status}, got {Status}: {Body?.ToJsonString()}");
            Assert.Equal("application/scim+json; charset=utf-8", ContentType);
            Assert.NotNull(Body);
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", Body["schemas"]![0]!.GetValue<string>());
            Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Body["status"]!.GetValue<string>());
            Assert.Equal(scimType, ScimType);
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> logs, LogLevel minimum) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(logs, minimum);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> logs, LogLevel minimum) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}");
        }
    }
}
