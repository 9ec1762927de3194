using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scim.Core.Schema;
using Scim.Core.Serialization;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests;

public sealed class ScimServiceCollectionExtensionsTests
{
    private static WebApplication Build(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        configure(builder.Services);
        return builder.Build();
    }

    [Theory]
    [InlineData("count")]
    [InlineData("body")]
    [InlineData("maxResults")]
    [InlineData("bulk")]
    [InlineData("patchType")]
    public async Task AddScim_InvalidOptions_FailStart(string problem)
    {
        await using var app = Build(s => s.AddScim(o =>
        {
            switch (problem)
            {
                case "count": o.DefaultCount = 0; break;
                case "body": o.MaxRequestBodySize = -1; break;
                case "maxResults": o.ServiceProviderConfig = new() { FilterMaxResults = 0 }; break;
                case "bulk": o.ServiceProviderConfig = new() { BulkMaxOperations = 0 }; break;
                default: o.PatchResponses["Groups"] = PatchResponse.Resource; break;
            }
        }).AddInMemoryStore());

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Theory]
    [InlineData("timeout", "Pagination.CursorTimeout must be at least one second")]
    [InlineData("method", "Pagination.DefaultMethod must be Index or Cursor")]
    [InlineData("cursorOff", "Pagination.DefaultMethod is Cursor, but Pagination.CursorSupported is false")]
    [InlineData("advertised", "ServiceProviderConfig.Pagination must be null")]
    [InlineData("missing", "Pagination is required")]
    public async Task AddScim_InvalidPaginationOptions_FailStartNamingTheSetting(string problem, string message)
    {
        await using var app = Build(s => s.AddScim(o =>
        {
            switch (problem)
            {
                case "timeout": o.Pagination.CursorTimeout = TimeSpan.FromMilliseconds(500); break;
                case "method": o.Pagination.DefaultMethod = (PaginationMethod)7; break;
                case "cursorOff": o.Pagination = new() { CursorSupported = false, DefaultMethod = PaginationMethod.Cursor }; break;
                case "advertised": o.ServiceProviderConfig = new() { Pagination = new() { Cursor = true } }; break;
                default: o.Pagination = null!; break;
            }
        }).AddInMemoryStore());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapScim_WithoutAStore_ThrowsNamingTheFix()
    {
        await using var app = Build(s => s.AddScim());

        var e = Assert.Throws<InvalidOperationException>(() => app.MapScim());

        Assert.Contains("AddInMemoryStore", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapScim_WithoutAddScim_ThrowsNamingTheFix()
    {
        await using var app = Build(_ => { });

        var e = Assert.Throws<InvalidOperationException>(() => app.MapScim());

        Assert.Contains("AddScim", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddScim_CalledTwice_SharesOneRegistryAndAppliesBothConfigurations()
    {
        var extra = new ScimSchema("urn:example:Thing", "Thing", [new SchemaAttribute("name")]);
        await using var app = Build(s =>
        {
            s.AddScim(o => o.DefaultCount = 7).AddInMemoryStore();
            s.AddScim(o => o.MaxRequestBodySize = 99).AddResourceType(new ResourceType("Thing", "/Things", extra.Id), extra);
        });

        var options = app.Services.GetRequiredService<IOptions<ScimOptions>>().Value;
        var registry = app.Services.GetRequiredService<SchemaRegistry>();

        Assert.Equal(7, options.DefaultCount);
        Assert.Equal(99, options.MaxRequestBodySize);
        Assert.NotNull(registry.FindResourceType("Thing"));
        Assert.NotNull(registry.FindResourceType("User"));
        Assert.IsType<InMemoryResourceStore>(app.Services.GetRequiredService<IResourceStore>());
    }

    [Fact]
    public void RequireScimBearerToken_NoToken_Throws()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddScim().AddInMemoryStore();
        var app = builder.Build();

        var e = Assert.Throws<ArgumentException>(() => app.MapScim("/scim").RequireScimBearerToken(null));

        Assert.Contains("Scim__BearerToken", e.Message, StringComparison.Ordinal);
    }
}
