using Microsoft.AspNetCore.Mvc.Testing;

namespace KeepnetHost.Tests.Hosting;

/// <summary>Clients for a host: the fixture's, or one a test derived from it with <c>WithWebHostBuilder</c>.</summary>
public static class HostClients
{
    /// <summary>The admin API, with the admin key.</summary>
    public static AdminClient Admin(this WebApplicationFactory<Program> factory)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", KeepnetFactory.AdminKey);
        return new AdminClient(http);
    }

    /// <summary>The SCIM endpoint (the Tenant URL <c>/scim</c>) with a setting's token, or with none.</summary>
    public static ScimClient Scim(this WebApplicationFactory<Program> factory, string? token)
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/scim/") });
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return new ScimClient(http);
    }
}
