using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.AspNetCore.Endpoints;

/// <summary>The discovery endpoints (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes and /Schemas.</summary>
internal sealed partial class ScimEndpoints
{
    /// <summary>The extension of <c>/ServiceProviderConfig</c> that advertises this server's other limits.</summary>
    internal const string LimitsSchema = "urn:scim-net:params:scim:schemas:extension:limits:1.0:ServiceProviderConfig";

    private Task GetServiceProviderConfigAsync(HttpContext context, string baseUrl)
    {
        RefuseFilter(context);
        var config = _options.ServiceProviderConfig;
        var cursor = CursorsSupported(StoreOf(context));
        var pagination = new PaginationConfig
        {
            Cursor = cursor,
            Index = true,
            DefaultPaginationMethod = cursor ? _options.Pagination.DefaultMethod : PaginationMethod.Index,
            DefaultPageSize = Math.Min(_options.DefaultCount, config.FilterMaxResults),
            MaxPageSize = config.FilterMaxResults,
            CursorTimeout = cursor ? _options.Pagination.CursorTimeout : null,
        };
        var document = (config with { Pagination = pagination }).ToJson($"{baseUrl}/ServiceProviderConfig");

        // The limits RFC 7643 §5 has no attribute for, so that a client can see them before it hits them.
        document["schemas"]!.AsArray().Add((JsonNode)LimitsSchema);
        document[LimitsSchema] = new JsonObject
        {
            ["maxRequestBodySize"] = _options.MaxRequestBodySize,
            ["filterMaxLength"] = _options.FilterOptions.MaxLength,
            ["filterMaxDepth"] = _options.FilterOptions.MaxDepth,
            ["patchMaxOperations"] = _options.PatchOptions.MaxOperations,
        };
        return ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK, document);
    }

    private Task GetResourceTypesAsync(HttpContext context, string baseUrl)
    {
        RefuseFilter(context);
        return ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK, DiscoveryDocuments.ResourceTypes(_registry, baseUrl));
    }

    private Task GetResourceTypeAsync(HttpContext context, string baseUrl)
    {
        var id = IdOf(context);
        var type = _registry.FindResourceType(id)
            ?? throw new ScimException(StatusCodes.Status404NotFound, null, $"There is no resource type '{id}'.");
        return ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK, SchemaJson.WriteResourceType(type, $"{baseUrl}/ResourceTypes/{Uri.EscapeDataString(type.Name)}"));
    }

    private Task GetSchemasAsync(HttpContext context, string baseUrl)
    {
        RefuseFilter(context);
        return ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK, DiscoveryDocuments.Schemas(_registry, baseUrl));
    }

    private Task GetSchemaAsync(HttpContext context, string baseUrl)
    {
        var id = IdOf(context);
        var schema = _registry.FindSchema(id)
            ?? throw new ScimException(StatusCodes.Status404NotFound, null, $"There is no schema '{id}'.");
        return ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK, SchemaJson.WriteSchema(schema, $"{baseUrl}/Schemas/{schema.Id}"));
    }

    /// <summary>RFC 7644 §4: a filter on a discovery endpoint SHOULD be 403, so a client never takes the whole list for a match.</summary>
    private static void RefuseFilter(HttpContext context)
    {
        if (context.Request.Query.ContainsKey("filter"))
        {
            throw new ScimException(StatusCodes.Status403Forbidden, null, "Discovery endpoints do not support filtering (RFC 7644 §4).");
        }
    }
}
