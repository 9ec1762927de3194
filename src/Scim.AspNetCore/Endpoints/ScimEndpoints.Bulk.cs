using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Scim.AspNetCore.Bulk;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /Bulk</c> (RFC 7644 §3.7): many operations in one request, each atomic on its own and each going through the
/// same validation, store and change handlers as the single request it stands for.
/// </summary>
/// <remarks>
/// Operations run in request order, except that one referring to a <c>bulkId</c> waits until the POST defining it has
/// run (forward references). A reference to a <c>bulkId</c> no POST defines is 400; to one whose POST failed, 409;
/// operations that wait on each other in a circle are 409 (RFC 7644 §3.7.1 allows stopping there). After
/// <c>failOnErrors</c> failures the rest do not run and are left out of the response. The response lists the operations
/// that ran in request order.
/// </remarks>
internal sealed partial class ScimEndpoints
{
    private async Task BulkAsync(HttpContext context, string baseUrl)
    {
        var config = _options.ServiceProviderConfig;
        if (!config.BulkSupported)
        {
            throw NotImplemented("/Bulk is turned off on this server; see bulk.supported in /ServiceProviderConfig.");
        }

        var request = BulkRequest.Parse(await ScimHttp.ReadJsonAsync(context, config.BulkMaxPayloadSize), config.BulkMaxOperations);
        var call = CallOf(context);
        var results = new JsonObject?[request.Operations.Count];
        var created = new Dictionary<string, string?>(StringComparer.Ordinal); // bulkId → id, or null when its POST failed
        var defined = request.Operations.Where(o => o.Method == "POST" && o.BulkId is not null).Select(o => o.BulkId!).ToHashSet(StringComparer.Ordinal);
        var pending = request.Operations.ToList();
        var failed = 0;
        var stopped = false;
        while (pending.Count > 0 && !stopped)
        {
            var ran = 0;
            foreach (var operation in pending.ToList())
            {
                var blocker = Blocker(operation, defined, created);
                if (blocker is BlockedBy.Pending)
                {
                    continue;
                }

                pending.Remove(operation);
                ran++;
                var (result, id) = blocker is BlockedBy.Nothing
                    ? await RunAsync(context, call, baseUrl, operation, created)
                    : (Failure(operation, ReferenceError(operation, blocker, defined, created)), null);
                Record(operation, result, id);
                if (stopped)
                {
                    break;
                }
            }

            if (ran == 0)
            {
                // Everything left waits on something else left: circular references.
                foreach (var operation in pending)
                {
                    Record(operation, Failure(operation, new ScimError(StatusCodes.Status409Conflict, ScimErrorType.InvalidValue,
                        $"Operation {operation.Index}: its bulkId references ({string.Join(", ", operation.References)}) are circular; " +
                        "create the resources first and link them in a later operation or request.")), null);
                    if (stopped)
                    {
                        break;
                    }
                }

                pending.Clear();
            }
        }

        Log.BulkCompleted(_logger, request.Operations.Count, failed, request.Operations.Count - results.Count(r => r is not null), request.FailOnErrors);
        var operations = new JsonArray();
        foreach (var result in results)
        {
            if (result is not null)
            {
                operations.Add((JsonNode)result);
            }
        }

        await ScimHttp.WriteJsonAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["schemas"] = new JsonArray((JsonNode)SchemaUrns.BulkResponse), ["Operations"] = operations });

        void Record(BulkOperation operation, JsonObject result, string? id)
        {
            results[operation.Index] = result;
            var ok = result["response"] is null;
            if (operation.Method == "POST" && operation.BulkId is not null)
            {
                created[operation.BulkId] = ok ? id : null;
            }

            if (!ok && ++failed >= request.FailOnErrors)
            {
                stopped = true;
            }
        }
    }

    private enum BlockedBy
    {
        Nothing,
        Pending,
        Undefined,
        Failed,
    }

    private static BlockedBy Blocker(BulkOperation operation, HashSet<string> defined, Dictionary<string, string?> created)
    {
        var blocker = BlockedBy.Nothing;
        foreach (var reference in operation.References)
        {
            if (!defined.Contains(reference))
            {
                return BlockedBy.Undefined;
            }

            if (!created.TryGetValue(reference, out var id))
            {
                blocker = BlockedBy.Pending;
            }
            else if (id is null)
            {
                return BlockedBy.Failed;
            }
        }

        return operation.Problem is null ? blocker : BlockedBy.Nothing;
    }

    private static ScimError ReferenceError(BulkOperation operation, BlockedBy blocker, HashSet<string> defined, Dictionary<string, string?> created)
    {
        if (blocker == BlockedBy.Undefined)
        {
            var missing = operation.References.First(r => !defined.Contains(r));
            return new ScimError(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                $"Operation {operation.Index}: bulkId '{missing}' is not defined by any POST in this request.");
        }

        var failed = operation.References.First(r => created.TryGetValue(r, out var id) && id is null);
        return new ScimError(StatusCodes.Status409Conflict, ScimErrorType.InvalidValue,
            $"Operation {operation.Index}: the POST that defines bulkId '{failed}' failed, so its id is unknown.");
    }

    /// <summary>Runs one operation; its error, if any, is its result and does not end the bulk request.</summary>
    private async Task<(JsonObject Result, string? Id)> RunAsync(
        HttpContext context, Call call, string baseUrl, BulkOperation operation, Dictionary<string, string?> created)
    {
        if (operation.Problem is { } problem)
        {
            return (Failure(operation, problem), null);
        }

        string IdOf(string bulkId) => created[bulkId]!;
        var path = BulkRequest.Resolve(operation.Path, IdOf);
        var data = operation.Data is null ? null : (JsonObject)Resolve(operation.Data, IdOf)!;
        ResourceType? type = null;
        string? id = null;
        try
        {
            (type, id) = Target(operation, path);
            IList<EntityTagHeaderValue> ifMatch = ScimHttp.ETagOf(operation.Version) is { } tag ? [tag] : [];
            ScimResource? resource;
            int status;
            switch (operation.Method)
            {
                case "POST":
                    resource = await CreateResourceAsync(call, type, data!);
                    status = StatusCodes.Status201Created;
                    break;
                case "PUT":
                    resource = await ReplaceResourceAsync(call, type, id!, data!, ifMatch);
                    status = StatusCodes.Status200OK;
                    break;
                case "PATCH":
                    resource = await PatchResourceAsync(call, type, id!, PatchRequest.Parse(data!, _options.PatchOptions), ifMatch, complete: false);
                    status = StatusCodes.Status200OK;
                    break;
                default:
                    await DeleteResourceAsync(call, type, id!, ifMatch);
                    resource = null;
                    status = StatusCodes.Status204NoContent;
                    break;
            }

            var result = Result(operation, status);
            if (resource is not null)
            {
                id = resource.Id;
                result["location"] = LocationOf(baseUrl, resource);
                result["version"] = resource.Version;
            }

            return (result, id);
        }
        catch (ScimException e)
        {
            return (Failure(operation, e.Error, type is null || id is null ? null : $"{baseUrl}{type.Endpoint}/{Uri.EscapeDataString(id)}"), null);
        }
        catch (OperationCanceledException) when (call.Aborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One operation's failure is its own result, never the whole request's 500.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (Failure(operation, _options.MapException?.Invoke(e) ?? Unexpected(context, e)), null);
        }
    }

    /// <summary>The resource type and id an operation's path names: <c>/Users</c> for a POST, <c>/Users/{id}</c> otherwise.</summary>
    private (ResourceType Type, string? Id) Target(BulkOperation operation, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var type = segments.Length is 1 or 2 && path.StartsWith('/')
            ? _registry.ResourceTypes.FirstOrDefault(t => t.Endpoint.AsSpan(1).Equals(segments[0], StringComparison.OrdinalIgnoreCase))
            : null;
        var wantsId = operation.Method != "POST";
        if (type is null || segments.Length != (wantsId ? 2 : 1))
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidPath,
                $"Operation {operation.Index}: path '{operation.Path}' must be {(wantsId ? "a resource, e.g. /Users/<id>" : "a resource type endpoint, e.g. /Users")}" +
                $" ({string.Join(", ", _registry.ResourceTypes.Select(t => t.Endpoint))}).");
        }

        return (type, wantsId ? Uri.UnescapeDataString(segments[1]) : null);
    }

    /// <summary>A copy of the data with every <c>bulkId</c> reference replaced by the id it names.</summary>
    private static JsonNode? Resolve(JsonNode? node, Func<string, string> idOf) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, idOf)))),
        JsonArray array => new JsonArray([.. array.Select(item => Resolve(item, idOf))]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(BulkRequest.Resolve(text, idOf)),
        _ => node?.DeepClone(),
    };

    private static JsonObject Result(BulkOperation operation, int status)
    {
        var result = new JsonObject { ["method"] = operation.Method };
        if (operation.BulkId is not null)
        {
            result["bulkId"] = operation.BulkId;
        }

        // RFC 7644 §3.7.3 writes the status as a string.
        result["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private static JsonObject Failure(BulkOperation operation, ScimError error, string? location = null)
    {
        var result = Result(operation, error.Status);
        if (location is not null)
        {
            result["location"] = location;
        }

        result["response"] = ErrorDocument.ToJson(error);
        return result;
    }
}
