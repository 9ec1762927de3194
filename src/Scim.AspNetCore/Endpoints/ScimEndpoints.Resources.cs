using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Scim.Core.Changes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Patching;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Endpoints;

/// <summary>One resource: GET, POST, PUT, PATCH and DELETE (RFC 7644 §3.3 to §3.6), with entity tags.</summary>
internal sealed partial class ScimEndpoints
{
    private static readonly ImmutableArray<AttributePath> MembersChanged = [AttributePath.Parse("members")];

    private readonly WriteGates _writeGates = new();

    private async Task GetAsync(HttpContext context, string baseUrl, ResourceType type, string id)
    {
        var projection = ProjectionOf(context.Request.Query);
        var call = CallOf(context);
        var resource = await call.Store.GetAsync(type, id, projection.Selection, call.Context, call.Aborted) ?? throw NotFound(type, id);
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
        var created = await CreateResourceAsync(CallOf(context), type, body);
        context.Response.Headers.Location = LocationOf(baseUrl, created);
        await WriteResourceAsync(context, StatusCodes.Status201Created, created, baseUrl, projection);
    }

    private async Task ReplaceAsync(HttpContext context, string baseUrl, ResourceType type, string id)
    {
        var projection = ProjectionOf(context.Request.Query);
        var body = await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize);
        var replaced = await ReplaceResourceAsync(CallOf(context), type, id, body, context.Request.GetTypedHeaders().IfMatch);
        await WriteResourceAsync(context, StatusCodes.Status200OK, replaced, baseUrl, projection);
    }

    private async Task PatchAsync(HttpContext context, string baseUrl, ResourceType type, string id)
    {
        var projection = ProjectionOf(context.Request.Query);
        var body = await ScimHttp.ReadJsonAsync(context, _options.MaxRequestBodySize);
        var request = PatchRequest.Parse(body, _options.PatchOptions);
        var showResource = _options.PatchResponseFor(type) == PatchResponse.Resource;
        var call = CallOf(context);
        var patched = await PatchResourceAsync(call, type, id, request, context.Request.GetTypedHeaders().IfMatch, showResource);
        if (!showResource)
        {
            SetETag(context, patched);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteResourceAsync(context, StatusCodes.Status200OK, patched, baseUrl, projection);
    }

    private async Task DeleteAsync(HttpContext context, string baseUrl, ResourceType type, string id)
    {
        await DeleteResourceAsync(CallOf(context), type, id, context.Request.GetTypedHeaders().IfMatch);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // The operations below are what a request and a bulk operation share: validate, write atomically, tell the change
    // handlers. They know nothing of the HTTP request beyond its Call.

    private async Task<ScimResource> CreateResourceAsync(Call call, ResourceType type, JsonObject body)
    {
        var resource = _validator.ValidateForCreate(type, body);
        var created = await call.Store.CreateAsync(resource, call.Context, call.Aborted);
        await NotifyAsync(call, ResourceChangeKind.Created, created, []);
        return created;
    }

    private async Task<ScimResource> ReplaceResourceAsync(Call call, ResourceType type, string id, JsonObject body, IList<EntityTagHeaderValue> ifMatch)
    {
        var (replaced, changed) = await UpdateAsync(call, type, id, ifMatch, current => (_validator.ValidateForReplace(current, body), true, []));
        if (changed is not null)
        {
            await NotifyAsync(call, ResourceChangeKind.Replaced, replaced, []);
        }

        return replaced;
    }

    /// <summary>
    /// Applies a PATCH: a store that can change members without loading the group gets a member-only request; anything
    /// else is read, applied and written back. <paramref name="complete"/> asks for the resource with its members, which
    /// a member push-down may not give.
    /// </summary>
    private async Task<ScimResource> PatchResourceAsync(
        Call call, ResourceType type, string id, PatchRequest request, IList<EntityTagHeaderValue> ifMatch, bool complete)
    {
        if (call.Store.ChangesMembers && ifMatch.Count <= 1 && !ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any))
            && PatchEngine.TryGetMemberChanges(request, _options.PatchOptions, out var changes))
        {
            var result = await ApplyMemberChangesAsync(call, type, id, changes, ifMatch.Count == 1 ? ifMatch[0].ToString() : null);

            if (result is not null)
            {
                if (result.Changed)
                {
                    await NotifyAsync(call, ResourceChangeKind.Patched, result.Resource, MembersChanged);
                }

                return complete
                    ? await call.Store.GetAsync(type, id, call.Context, call.Aborted) ?? throw NotFound(type, id)
                    : result.Resource;
            }
        }

        var (patched, changed) = await UpdateAsync(call, type, id, ifMatch, current =>
        {
            var result = _patchEngine.Apply(current, request);
            return (result.Resource, result.Changed, result.ChangedAttributes);
        });
        if (changed is { } attributes)
        {
            await NotifyAsync(call, ResourceChangeKind.Patched, patched, attributes);
        }

        return patched;
    }

    private async Task DeleteResourceAsync(Call call, ResourceType type, string id, IList<EntityTagHeaderValue> ifMatch)
    {
        // In the gate, so that a PATCH committing meanwhile cannot fail a DELETE the client sent without If-Match.
        using (await _writeGates.EnterAsync(type.Name, id, call.Aborted))
        {
            string? expectedVersion = null;
            if (ifMatch.Count > 0)
            {
                var current = await call.Store.GetAsync(type, id, call.Context, call.Aborted) ?? throw NotFound(type, id);
                CheckIfMatch(ifMatch, current);
                expectedVersion = current.Version;
            }

            await call.Store.DeleteAsync(type, id, expectedVersion, call.Context, call.Aborted);
        }

        await NotifyAsync(call, new ResourceChange(ResourceChangeKind.Deleted, type, id, null, null, [], call.Context));
    }

    /// <summary>
    /// Read, check <c>If-Match</c>, change, and write back at the version read, while this process's other writers to the
    /// resource wait. When a writer elsewhere got in between (the store answers 412 for the version read), the whole loop
    /// runs again, up to <see cref="ScimOptions.MaxConcurrencyRetries"/> times, so concurrent PATCHes that add different
    /// members to one group all land. An unchanged resource is not written, and then the attributes changed are <see langword="null"/>.
    /// </summary>
    private async Task<(ScimResource Resource, ImmutableArray<AttributePath>? Changed)> UpdateAsync(
        Call call, ResourceType type, string id, IList<EntityTagHeaderValue> ifMatch,
        Func<ScimResource, (ScimResource Resource, bool Changed, ImmutableArray<AttributePath> Attributes)> change)
    {
        using var entered = await _writeGates.EnterAsync(type.Name, id, call.Aborted);
        for (var attempt = 0; ; attempt++)
        {
            var current = await call.Store.GetAsync(type, id, call.Context, call.Aborted) ?? throw NotFound(type, id);
            if (ifMatch.Count > 0)
            {
                CheckIfMatch(ifMatch, current);
            }

            var (next, changed, attributes) = change(current);
            if (!changed)
            {
                return (current, null);
            }

            try
            {
                return (await call.Store.ReplaceAsync(next, current.Version, call.Context, call.Aborted), attributes);
            }
            catch (ScimException e) when (e.Status == StatusCodes.Status412PreconditionFailed && attempt < _options.MaxConcurrencyRetries)
            {
                // Jittered, growing back-off, so that writers racing for one resource spread out instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 6)), call.Aborted);
            }
        }
    }

    private Task NotifyAsync(Call call, ResourceChangeKind kind, ScimResource resource, ImmutableArray<AttributePath> changed) =>
        NotifyAsync(call, new ResourceChange(kind, resource.ResourceType, resource.Id ?? string.Empty, resource.Version, resource, changed, call.Context));

    /// <summary>Tells the host's change handlers of a committed write; one that fails is logged, and the write stands.</summary>
    private async Task NotifyAsync(Call call, ResourceChange change)
    {
        foreach (var handler in call.ChangeHandlers)
        {
            try
            {
                await handler.OnChangedAsync(change, call.Aborted);
            }
            catch (OperationCanceledException) when (call.Aborted.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The write is committed: a failing handler must not turn it into an error the client retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ChangeHandlerFailed(_logger, e, handler.GetType().Name, change.Kind, change.ResourceType.Name, change.Id);
            }
        }
    }

    private async Task WriteResourceAsync(HttpContext context, int status, ScimResource resource, string baseUrl, Projection projection)
    {
        SetETag(context, resource);
        await ScimHttp.WriteJsonAsync(context, status, writer => Project(writer, resource, baseUrl, projection));
    }

    /// <summary>
    /// Writes the resource as a response shows it: <c>meta.location</c> set, then <c>attributes</c>/<c>excludedAttributes</c>
    /// applied on the way out, with no copy of the resource.
    /// </summary>
    private void Project(Utf8JsonWriter writer, ScimResource resource, string baseUrl, Projection projection)
    {
        if (resource.Id is not null)
        {
            resource.SetLocation(LocationOf(baseUrl, resource));
        }

        AttributeProjection.Write(writer, resource, _registry, projection.Attributes, projection.ExcludedAttributes);
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

    private sealed record Projection(IReadOnlyList<AttributePath> Attributes, IReadOnlyList<AttributePath> ExcludedAttributes)
    {
        public AttributeSelection Selection => new(Attributes, ExcludedAttributes);
    }
}
