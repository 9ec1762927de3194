using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>
/// The <c>/Schemas</c> and <c>/ResourceTypes</c> discovery documents (RFC 7644 §4), generated from the registry so
/// that custom schemas and extensions are advertised the same way as the core ones.
/// </summary>
public static class DiscoveryDocuments
{
    /// <summary>Every registered schema as a ListResponse, each with <c>meta.location</c> under <paramref name="baseUrl"/>.</summary>
    /// <param name="registry">The schemas.</param>
    /// <param name="baseUrl">The SCIM base URL, e.g. <c>https://example.com/scim</c>.</param>
    /// <returns>The ListResponse body.</returns>
    public static JsonObject Schemas(SchemaRegistry registry, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var root = baseUrl.TrimEnd('/');
        return new ListResponse(
            [.. registry.Schemas.Select(s => SchemaJson.WriteSchema(s, $"{root}/Schemas/{s.Id}"))],
            registry.Schemas.Count).ToJson();
    }

    /// <summary>Every registered resource type as a ListResponse, each with <c>meta.location</c> under <paramref name="baseUrl"/>.</summary>
    /// <param name="registry">The resource types.</param>
    /// <param name="baseUrl">The SCIM base URL, e.g. <c>https://example.com/scim</c>.</param>
    /// <returns>The ListResponse body.</returns>
    public static JsonObject ResourceTypes(SchemaRegistry registry, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var root = baseUrl.TrimEnd('/');
        return new ListResponse(
            [.. registry.ResourceTypes.Select(t => SchemaJson.WriteResourceType(t, $"{root}/ResourceTypes/{t.Name}"))],
            registry.ResourceTypes.Count).ToJson();
    }
}
