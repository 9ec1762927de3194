using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.AspNetCore.Diagnostics;
using Scim.Core.Changes;
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
    private readonly ScimMetrics _metrics;
    private readonly string _retryAfter;
    private readonly ILogger _logger;

    public ScimEndpoints(SchemaRegistry registry, ScimOptions options, SchemaValidator validator, ScimMetrics metrics, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _validator = validator;
        _patchEngine = new PatchEngine(registry, options.PatchOptions, finalise: validator.ValidateForReplace);
        _metrics = metrics;
        _retryAfter = ((int)Math.Ceiling(options.UnavailableRetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
        Map(group, "/Bulk", (HttpMethods.Post, BulkAsync));
        Map(group, "/Me",
            (HttpMethods.Get, (c, b) => MeAsync(c, b, GetAsync)),
            (HttpMethods.Post, (c, b) => throw NotImplemented("POST /Me (self-registration) is not supported; an administrator creates users at /Users.")),
            (HttpMethods.Put, (c, b) => MeAsync(c, b, ReplaceAsync)),
            (HttpMethods.Patch, (c, b) => MeAsync(c, b, PatchAsync)),
            (HttpMethods.Delete, (c, b) => MeAsync(c, b, DeleteAsync)));
        foreach (var type in _registry.ResourceTypes)
        {
            Map(group, type.Endpoint, (HttpMethods.Get, (c, b) => ListAsync(c, b, type)), (HttpMethods.Post, (c, b) => CreateAsync(c, b, type)));
            Map(group, type.Endpoint + "/.search", (HttpMethods.Post, (c, b) => SearchAsync(c, b, type)));
            Map(group, type.Endpoint + "/{id}",
                (HttpMethods.Get, (c, b) => GetAsync(c, b, type, IdOf(c))),
                (HttpMethods.Put, (c, b) => ReplaceAsync(c, b, type, IdOf(c))),
                (HttpMethods.Patch, (c, b) => PatchAsync(c, b, type, IdOf(c))),
                (HttpMethods.Delete, (c, b) => DeleteAsync(c, b, type, IdOf(c))));
        }

        group.Map("/{**path}", context => Run(context, "/{**path}", c =>
            throw new ScimException(StatusCodes.Status404NotFound, null, $"There is no SCIM endpoint at '{c.Request.Path}'.")));
    }

    private static ScimException NotImplemented(string detail) => new(StatusCodes.Status501NotImplemented, null, detail);

    private static StoreContext StoreContextOf(HttpContext context) => new(context.User);

    private static IResourceStore StoreOf(HttpContext context) => context.RequestServices.GetRequiredService<IResourceStore>();

    private Call CallOf(HttpContext context) => new(
        new MeasuredResourceStore(StoreOf(context), _metrics),
        StoreContextOf(context),
        context.RequestServices,
        context.RequestAborted);

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
                    return Run(context, pattern, c => handler(c, ScimHttp.BaseUrl(c.Request, segments)));
                }
            }

            return Run(context, pattern, c => Write(c, new ScimError(StatusCodes.Status405MethodNotAllowed, null,
                $"{c.Request.Method} is not supported here; use {allow}."), allow));
        });
    }

    /// <summary>Runs a handler and turns whatever it throws into a SCIM error response: the one place that does.</summary>
    private async Task Run(HttpContext context, string pattern, Func<HttpContext, Task> handler)
    {
        try
        {
            if (await Catch(context, handler) is { } error)
            {
                await Write(context, error);
            }
        }
        finally
        {
            _metrics.RequestCompleted(context.Request.Method, pattern, context.Response.StatusCode);
        }
    }

    /// <summary>Runs a handler; what it throws becomes a SCIM error (an unexpected exception becomes a logged, generic 500).</summary>
    private async Task<ScimError?> Catch(HttpContext context, Func<HttpContext, Task> handler)
    {
        try
        {
            await handler(context);
            return null;
        }
        catch (ScimException e)
        {
            return e.Error;
        }
        catch (BadHttpRequestException e)
        {
            return new ScimError(e.StatusCode, null, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A request must never end in a stack trace or an HTML page.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return _options.MapException?.Invoke(e) ?? Unexpected(context, e);
        }
    }

    /// <summary>Logs an exception nobody expected under the request's correlation id and makes the generic 500 the client sees.</summary>
    private ScimError Unexpected(HttpContext context, Exception e)
    {
        var correlationId = context.TraceIdentifier;
        Log.UnexpectedError(_logger, e, context.Request.Method, context.Request.Path, correlationId);
        return new ScimError(StatusCodes.Status500InternalServerError, null,
            $"The server failed to process the request. Quote correlation id {correlationId} when reporting it.");
    }

    private async Task Write(HttpContext context, ScimError error, string? allow = null)
    {
        _metrics.Error(error.Status, error.ScimType);
        if (context.Response.HasStarted)
        {
            Log.ResponseStarted(_logger, error.Status, context.TraceIdentifier);
            context.Abort();
            return;
        }

        Log.ScimError(_logger, context.Request.Method, context.Request.Path, error.Status, error.ScimType, error.Detail);
        await ScimHttp.WriteErrorAsync(context, error, headers =>
        {
            if (allow is not null)
            {
                headers.Allow = allow;
            }

            if (error.Status == StatusCodes.Status503ServiceUnavailable)
            {
                headers.RetryAfter = _retryAfter;
            }
        });
    }

    /// <summary>What every store operation of one request (or one bulk operation) needs.</summary>
    private sealed record Call(MeasuredResourceStore Store, StoreContext Context, IServiceProvider Services, CancellationToken Aborted)
    {
        /// <summary>The host's change handlers, resolved only when a write commits, so reads never pay for them.</summary>
        public IEnumerable<IResourceChangeHandler> ChangeHandlers => Services.GetServices<IResourceChangeHandler>();
    }
}
