using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Patching;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.AspNetCore.Endpoints;

/// <summary>One resource: GET, POST, PUT, PATCH and DELETE (RFC 7644 §3.3 to §3.6), with entity tags.</summary>
internal sealed partial class ScimEndpoints
{
    private async Task GetAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var id = IdOf(context);
        var projection = ProjectionOf(context.Request.Query);
        var resource = await StoreOf(context).GetAsync(type, id, StoreContextOf(context), context.RequestAborted)
            ?? throw NotFound(type, id);
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count > 0 && ScimHttp.Matches(ifNoneMatch, resource.Version))
        {
            SetETag(context, resource);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await WriteResourceAsync(context, StatusCodes.Status200OK, resource, baseUrl, projection);
    }

    private async Task CreateAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var projection = ProjectionOf(context.Request.Query);
        var body = await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize);
        var resource = _validator.ValidateForCreate(type, body);
        var created = await StoreOf(context).CreateAsync(resource, StoreContextOf(context), context.RequestAborted);
        var location = LocationOf(baseUrl, created);
        context.Response.Headers.Location = location;
        await WriteResourceAsync(context, StatusCodes.Status201Created, created, baseUrl, projection);
    }

    private async Task ReplaceAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var projection = ProjectionOf(context.Request.Query);
        var body = await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize);
        var replaced = await UpdateAsync(context, type, current => (_validator.ValidateForReplace(current, body), true));
        await WriteResourceAsync(context, StatusCodes.Status200OK, replaced, baseUrl, projection);
    }

    private async Task PatchAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var projection = ProjectionOf(context.Request.Query);
        var body = await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize);
        var request = PatchRequest.Parse(body, _options.PatchOptions);
        var patched = await UpdateAsync(context, type, current =>
        {
            var result = _patchEngine.Apply(current, request);
            return (result.Resource, result.Changed);
        });
        if (_options.PatchResponseFor(type) == PatchResponse.NoContent)
        {
            SetETag(context, patched);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteResourceAsync(context, StatusCodes.Status200OK, patched, baseUrl, projection);
    }

    private async Task DeleteAsync(HttpContext context, string baseUrl, ResourceType type)
    {
        var id = IdOf(context);
        var store = StoreOf(context);
        var storeContext = StoreContextOf(context);
        string? expectedVersion = null;
        var ifMatch = context.Request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count > 0)
        {
            var current = await store.GetAsync(type, id, storeContext, context.RequestAborted) ?? throw NotFound(type, id);
            CheckIfMatch(ifMatch, current);
            expectedVersion = current.Version;
        }

        await store.DeleteAsync(type, id, expectedVersion, storeContext, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// Read, check <c>If-Match</c>, change, and write back at the version read. When another writer got in between (the
    /// store answers 412 for the version read), the whole loop runs again, up to <see cref="ScimOptions.MaxConcurrencyRetries"/>
    /// times, so concurrent PATCHes that add different members to one group all land. An unchanged resource is not written.
    /// </summary>
    private async Task<ScimResource> UpdateAsync(HttpContext context, ResourceType type, Func<ScimResource, (ScimResource Resource, bool Changed)> change)
    {
        var id = IdOf(context);
        var store = StoreOf(context);
        var storeContext = StoreContextOf(context);
        var ifMatch = context.Request.GetTypedHeaders().IfMatch;
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(type, id, storeContext, context.RequestAborted) ?? throw NotFound(type, id);
            if (ifMatch.Count > 0)
            {
                CheckIfMatch(ifMatch, current);
            }

            var (next, changed) = change(current);
            if (!changed)
            {
                return current;
            }

            try
            {
                return await store.ReplaceAsync(next, current.Version, storeContext, context.RequestAborted);
            }
            catch (ScimException e) when (e.Status == StatusCodes.Status412PreconditionFailed && attempt < _options.MaxConcurrencyRetries)
            {
                // Jittered, growing back-off, so that writers racing for one resource spread out instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 6)), context.RequestAborted);
            }
        }
    }

    private async Task WriteResourceAsync(HttpContext context, int status, ScimResource resource, string baseUrl, Projection projection)
    {
        SetETag(context, resource);
        await ScimHttp.WriteJsonAsync(context, status, Project(resource, baseUrl, projection));
    }

    /// <summary>The resource as a response shows it: <c>meta.location</c> set, then <c>attributes</c>/<c>excludedAttributes</c> applied.</summary>
    private JsonObject Project(ScimResource resource, string baseUrl, Projection projection)
    {
        if (resource.Json["meta"] is JsonObject meta && resource.Id is not null)
        {
            meta["location"] = LocationOf(baseUrl, resource);
        }

        return AttributeProjection.Apply(resource, _registry, projection.Attributes, projection.ExcludedAttributes);
    }

    private static void SetETag(HttpContext context, ScimResource resource)
    {
        if (ScimHttp.ETagOf(resource.Version) is { } etag)
        {
            context.Response.GetTypedHeaders().ETag = etag;
        }
    }

    private static void CheckIfMatch(IList<EntityTagHeaderValue> ifMatch, ScimResource current)
    {
        if (!ScimHttp.Matches(ifMatch, current.Version))
        {
            throw new ScimException(StatusCodes.Status412PreconditionFailed, null,
                $"The {current.ResourceType.Name} {current.Id} is at version {current.Version}, which If-Match does not name.");
        }
    }

    private static string LocationOf(string baseUrl, ScimResource resource) =>
        $"{baseUrl}{resource.ResourceType.Endpoint}/{Uri.EscapeDataString(resource.Id ?? string.Empty)}";

    private static string IdOf(HttpContext context) => context.Request.RouteValues["id"] as string ?? string.Empty;

    private static ScimException NotFound(ResourceType type, string id) =>
        new(StatusCodes.Status404NotFound, null, $"Resource {id} not found: no {type.Name} has this id.");

    private static Projection ProjectionOf(IQueryCollection query) =>
        new(AttributeProjection.ParseList(First(query, "attributes")), AttributeProjection.ParseList(First(query, "excludedAttributes")));

    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private sealed record Projection(IReadOnlyList<AttributePath> Attributes, IReadOnlyList<AttributePath> ExcludedAttributes);
}
