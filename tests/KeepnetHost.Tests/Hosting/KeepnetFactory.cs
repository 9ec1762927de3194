using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeepnetHost.Tests.Hosting;

/// <summary>The real host (its Program) on a test server, configured for one database and any extra settings.</summary>
public sealed class KeepnetFactory(HostDatabase database, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-4f9a2c7e1b";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Admin:ApiKey", AdminKey);
        builder.UseSetting("Storage:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Keepnet", database.ConnectionString);
        // Generous by default, so only the rate-limit scenario meets the limit.
        builder.UseSetting("Scim:RateLimit:RequestsPerSecond", "10000");
        builder.UseSetting("Scim:RateLimit:Burst", "10000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
