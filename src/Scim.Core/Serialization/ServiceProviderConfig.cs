using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>
/// What the service supports and its limits (RFC 7643 §5), written as the <c>/ServiceProviderConfig</c> document.
/// The defaults describe a service with PATCH, filtering, sorting and ETags but no bulk or password change.
/// </summary>
public sealed record ServiceProviderConfig
{
    /// <summary>Where the service's SCIM documentation is.</summary>
    public Uri? DocumentationUri { get; init; }

    /// <summary>Whether PATCH is supported.</summary>
    public bool PatchSupported { get; init; } = true;

    /// <summary>Whether <c>/Bulk</c> is supported.</summary>
    public bool BulkSupported { get; init; }

    /// <summary>The most operations a bulk request may hold.</summary>
    public int BulkMaxOperations { get; init; } = 1000;

    /// <summary>The largest bulk request body, in bytes.</summary>
    public int BulkMaxPayloadSize { get; init; } = 1_048_576;

    /// <summary>Whether filtering is supported.</summary>
    public bool FilterSupported { get; init; } = true;

    /// <summary>The most resources a query returns in one response.</summary>
    public int FilterMaxResults { get; init; } = 200;

    /// <summary>Whether the password can be changed through PATCH or PUT.</summary>
    public bool ChangePasswordSupported { get; init; }

    /// <summary>Whether <c>sortBy</c> is supported.</summary>
    public bool SortSupported { get; init; } = true;

    /// <summary>Whether ETags (<c>meta.version</c>, <c>If-Match</c>) are supported.</summary>
    public bool EtagSupported { get; init; } = true;

    /// <summary>The <c>pagination</c> entry (RFC 9865 §4); left out of the document when <see langword="null"/>, the default.</summary>
    public PaginationConfig? Pagination { get; init; }

    /// <summary>The authentication schemes; a bearer token by default.</summary>
    public ImmutableArray<AuthenticationScheme> AuthenticationSchemes { get; init; } = [AuthenticationScheme.BearerToken];

    /// <summary>Writes the document, with <c>meta.location</c> when a location is given.</summary>
    /// <param name="location">The document's URI, e.g. <c>https://example.com/scim/ServiceProviderConfig</c>.</param>
    /// <returns>The JSON document.</returns>
    public JsonObject ToJson(string? location = null)
    {
        var schemes = new JsonArray();
        foreach (var scheme in AuthenticationSchemes)
        {
            var json = new JsonObject { ["type"] = scheme.Type, ["name"] = scheme.Name, ["description"] = scheme.Description };
            if (scheme.SpecUri is not null)
            {
                json["specUri"] = scheme.SpecUri.ToString();
            }

            if (scheme.DocumentationUri is not null)
            {
                json["documentationUri"] = scheme.DocumentationUri.ToString();
            }

            json["primary"] = scheme.Primary;
            schemes.Add((JsonNode)json);
        }

        var document = new JsonObject { ["schemas"] = new JsonArray(SchemaUrns.ServiceProviderConfig) };
        if (DocumentationUri is not null)
        {
            document["documentationUri"] = DocumentationUri.ToString();
        }

        document["patch"] = Supported(PatchSupported);
        document["bulk"] = new JsonObject { ["supported"] = BulkSupported, ["maxOperations"] = BulkMaxOperations, ["maxPayloadSize"] = BulkMaxPayloadSize };
        document["filter"] = new JsonObject { ["supported"] = FilterSupported, ["maxResults"] = FilterMaxResults };
        document["changePassword"] = Supported(ChangePasswordSupported);
        document["sort"] = Supported(SortSupported);
        document["etag"] = Supported(EtagSupported);
        if (Pagination is { } pagination)
        {
            document["pagination"] = PaginationJson(pagination);
        }

        document["authenticationSchemes"] = schemes;
        var meta = new JsonObject { ["resourceType"] = "ServiceProviderConfig" };
        if (location is not null)
        {
            meta["location"] = location;
        }

        document["meta"] = meta;
        return document;
    }

    private static JsonObject Supported(bool supported) => new() { ["supported"] = supported };

    private static JsonObject PaginationJson(PaginationConfig pagination)
    {
        var json = new JsonObject { ["cursor"] = pagination.Cursor, ["index"] = pagination.Index };
        if (pagination.DefaultPaginationMethod is { } method)
        {
            json["defaultPaginationMethod"] = method == PaginationMethod.Cursor ? "cursor" : "index";
        }

        if (pagination.DefaultPageSize is { } defaultPageSize)
        {
            json["defaultPageSize"] = defaultPageSize;
        }

        if (pagination.MaxPageSize is { } maxPageSize)
        {
            json["maxPageSize"] = maxPageSize;
        }

        if (pagination.CursorTimeout is { } timeout)
        {
            json["cursorTimeout"] = (long)timeout.TotalSeconds;
        }

        return json;
    }
}
