using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Endpoints;

/// <summary>
/// The SCIM endpoints under one route group: one endpoint per path, which dispatches on the method itself so that a
/// wrong method is a SCIM 405 error, and a catch-all that makes any other path under the group a SCIM 404.
/// </summary>
internal sealed partial class ScimEndpoints
{
    private readonly SchemaRegistry _registry;
    private readonly ScimOptions _options;
    private readonly SchemaValidator _validator;
    private readonly PatchEngine _patchEngine;
    private readonly ILogger _logger;

    public ScimEndpoints(SchemaRegistry registry, ScimOptions options, SchemaValidator validator, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _validator = validator;
        _patchEngine = new PatchEngine(registry, options.PatchOptions, finalise: validator.ValidateForReplace);
        _logger = logger;
    }

    private delegate Task Handler(HttpContext context, string baseUrl);

    public void Map(RouteGroupBuilder group)
    {
        Map(group, "/ServiceProviderConfig", (HttpMethods.Get, GetServiceProviderConfigAsync));
        Map(group, "/ResourceTypes", (HttpMethods.Get, GetResourceTypesAsync));
        Map(group, "/ResourceTypes/{id}", (HttpMethods.Get, GetResourceTypeAsync));
        Map(group, "/Schemas", (HttpMethods.Get, GetSchemasAsync));
        Map(group, "/Schemas/{id}", (HttpMethods.Get, GetSchemaAsync));
        Map(group, "/.search", (HttpMethods.Post, SearchAllAsync));
        Map(group, "/Bulk", (HttpMethods.Post, (c, _) => throw NotImplemented("/Bulk is not supported yet; see bulk.supported in /ServiceProviderConfig.")));
        Map(group, "/Me", (HttpMethods.Get, MeNotImplemented), (HttpMethods.Post, MeNotImplemented), (HttpMethods.Put, MeNotImplemented),
            (HttpMethods.Patch, MeNotImplemented), (HttpMethods.Delete, MeNotImplemented));
        foreach (var type in _registry.ResourceTypes)
        {
            Map(group, type.Endpoint, (HttpMethods.Get, (c, b) => ListAsync(c, b, type)), (HttpMethods.Post, (c, b) => CreateAsync(c, b, type)));
            Map(group, type.Endpoint + "/.search", (HttpMethods.Post, (c, b) => SearchAsync(c, b, type)));
            Map(group, type.Endpoint + "/{id}",
                (HttpMethods.Get, (c, b) => GetAsync(c, b, type)),
                (HttpMethods.Put, (c, b) => ReplaceAsync(c, b, type)),
                (HttpMethods.Patch, (c, b) => PatchAsync(c, b, type)),
                (HttpMethods.Delete, (c, b) => DeleteAsync(c, b, type)));
        }

        group.Map("/{**path}", context => Run(context, c =>
            throw new ScimException(StatusCodes.Status404NotFound, null, $"There is no SCIM endpoint at '{c.Request.Path}'.")));
        return;

        static Task MeNotImplemented(HttpContext context, string baseUrl) =>
            throw NotImplemented("/Me is not supported: this server has no way to map the caller to a resource.");
    }

    private static ScimException NotImplemented(string detail) => new(StatusCodes.Status501NotImplemented, null, detail);

    private static StoreContext StoreContextOf(HttpContext context) => new(context.User);

    private static IResourceStore StoreOf(HttpContext context) => context.RequestServices.GetRequiredService<IResourceStore>();

    private void Map(RouteGroupBuilder group, string pattern, params (string Method, Handler Handler)[] handlers)
    {
        var segments = pattern.Count(c => c == '/');
        var allow = string.Join(", ", handlers.Select(h => h.Method));
        group.Map(pattern, context =>
        {
            foreach (var (method, handler) in handlers)
            {
                if (HttpMethods.Equals(context.Request.Method, method))
                {
                    return Run(context, c => handler(c, ScimHttp.BaseUrl(c.Request, segments)));
                }
            }

            return Write(context, new ScimError(StatusCodes.Status405MethodNotAllowed, null, $"{context.Request.Method} is not supported here; use {allow}."), allow);
        });
    }

    /// <summary>Runs a handler and turns whatever it throws into a SCIM error response: the one place that does.</summary>
    private async Task Run(HttpContext context, Func<HttpContext, Task> handler)
    {
        ScimError error;
        try
        {
            await handler(context);
            return;
        }
        catch (ScimException e)
        {
            error = e.Error;
        }
        catch (BadHttpRequestException e)
        {
            error = new ScimError(e.StatusCode, null, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A request must never end in a stack trace or an HTML page.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var correlationId = context.TraceIdentifier;
            Log.UnexpectedError(_logger, e, context.Request.Method, context.Request.Path, correlationId);
            error = new ScimError(StatusCodes.Status500InternalServerError, null,
                $"The server failed to process the request. Quote correlation id {correlationId} when reporting it.");
        }

        await Write(context, error);
    }

    private async Task Write(HttpContext context, ScimError error, string? allow = null)
    {
        if (context.Response.HasStarted)
        {
            Log.ResponseStarted(_logger, error.Status, context.TraceIdentifier);
            context.Abort();
            return;
        }

        Log.ScimError(_logger, error.Status, error.ScimType, error.Detail);
        await ScimHttp.WriteErrorAsync(context, error, allow is null ? null : h => h.Allow = allow);
    }
}
