using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;
using Scim.Core.Schema;

namespace Scim.AspNetCore.Bulk;

/// <summary>A bulk request (RFC 7644 §3.7): its operations in order, and how many errors end it.</summary>
/// <param name="FailOnErrors">How many failed operations stop the rest; <see langword="null"/> to run them all.</param>
/// <param name="Operations">The operations, in request order.</param>
internal sealed record BulkRequest(int? FailOnErrors, IReadOnlyList<BulkOperation> Operations)
{
    /// <summary>The prefix of a reference to the resource another operation of the request creates.</summary>
    public const string ReferencePrefix = "bulkId:";

    /// <summary>
    /// Reads a bulk request. Member names are case-insensitive. A malformed request as a whole is an error; a malformed
    /// operation only fails itself (its <see cref="BulkOperation.Problem"/>), as the others may still run.
    /// </summary>
    /// <exception cref="ScimException">400 <c>invalidSyntax</c>/<c>invalidValue</c> for a malformed request, 413 for more than <paramref name="maxOperations"/>.</exception>
    public static BulkRequest Parse(JsonObject body, int maxOperations)
    {
        JsonArray? operations = null;
        int? failOnErrors = null;
        var schemaOk = false;
        foreach (var (name, value) in body)
        {
            if (name.Equals("schemas", StringComparison.OrdinalIgnoreCase))
            {
                schemaOk = value is JsonArray schemas && schemas.Any(s => Text(s) is { } urn && urn.Equals(SchemaUrns.BulkRequest, StringComparison.OrdinalIgnoreCase));
            }
            else if (name.Equals("Operations", StringComparison.OrdinalIgnoreCase))
            {
                operations = value as JsonArray ?? throw Invalid(ScimErrorType.InvalidSyntax, "Operations must be an array of bulk operations.");
            }
            else if (name.Equals("failOnErrors", StringComparison.OrdinalIgnoreCase) && value is not null)
            {
                failOnErrors = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= 1
                    ? n
                    : throw Invalid(ScimErrorType.InvalidValue, "failOnErrors must be a positive integer.");
            }
        }

        if (!schemaOk)
        {
            throw Invalid(ScimErrorType.InvalidSyntax, $"A bulk request's schemas must be [\"{SchemaUrns.BulkRequest}\"].");
        }

        if (operations is null)
        {
            throw Invalid(ScimErrorType.InvalidSyntax, "A bulk request needs Operations.");
        }

        if (operations.Count > maxOperations)
        {
            throw new ScimException(StatusCodes.Status413PayloadTooLarge, null,
                $"The bulk request has {operations.Count} operations; this server accepts at most {maxOperations} (maxOperations).");
        }

        var list = new List<BulkOperation>(operations.Count);
        var bulkIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            list.Add(ReadOperation(i, operations[i], bulkIds));
        }

        return new BulkRequest(failOnErrors, list);
    }

    private static BulkOperation ReadOperation(int index, JsonNode? node, HashSet<string> bulkIds)
    {
        if (node is not JsonObject operation)
        {
            return Failed(index, string.Empty, null, string.Empty, ScimErrorType.InvalidSyntax, "each operation must be a JSON object.");
        }

        string? method = null, bulkId = null, version = null, path = null;
        JsonNode? data = null;
        foreach (var (name, value) in operation)
        {
            switch (name.ToUpperInvariant())
            {
                case "METHOD":
                    method = Text(value)?.ToUpperInvariant();
                    break;
                case "BULKID":
                    bulkId = Text(value);
                    break;
                case "VERSION":
                    version = Text(value);
                    break;
                case "PATH":
                    path = Text(value);
                    break;
                case "DATA":
                    data = value;
                    break;
                default:
                    break;
            }
        }

        var problem = (method, path, data) switch
        {
            (not ("POST" or "PUT" or "PATCH" or "DELETE"), _, _) => "method must be POST, PUT, PATCH or DELETE.",
            (_, null or "", _) => "path is required, e.g. \"/Users\" or \"/Users/<id>\".",
            ("POST", _, _) when string.IsNullOrEmpty(bulkId) => "a POST needs a bulkId.",
            ("POST", _, _) when !bulkIds.Add(bulkId!) => $"bulkId '{bulkId}' is used by an earlier operation; each must be unique.",
            (not "DELETE", _, not JsonObject) => $"a {method} needs data: a JSON object.",
            _ => null,
        };
        if (problem is not null)
        {
            return Failed(index, method ?? string.Empty, bulkId, path ?? string.Empty, ScimErrorType.InvalidSyntax, problem);
        }

        var references = new HashSet<string>(StringComparer.Ordinal);
        CollectReferences(path, references);
        CollectReferences(data, references);
        return new BulkOperation(index, method!, bulkId, version, path!, data as JsonObject, references, null);
    }

    private static void CollectReferences(JsonNode? node, HashSet<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CollectReferences(value, references);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectReferences(item, references);
                }

                break;
            case JsonValue value when Text(value) is { } text:
                CollectReferences(text, references);
                break;
        }
    }

    private static void CollectReferences(string? text, HashSet<string> references)
    {
        if (ReferenceStart(text) is { } start)
        {
            references.Add(text![(start + ReferencePrefix.Length)..]);
        }
    }

    /// <summary>Replaces a <c>bulkId</c> reference in a path or value by the id it names.</summary>
    /// <param name="text">A path (<c>/Groups/bulkId:x</c>) or a value (<c>bulkId:x</c>).</param>
    /// <param name="idOf">The id a resolved <c>bulkId</c> names.</param>
    /// <returns>The text with the reference replaced, or as it was.</returns>
    public static string Resolve(string text, Func<string, string> idOf) =>
        ReferenceStart(text) is { } start ? text[..start] + idOf(text[(start + ReferencePrefix.Length)..]) : text;

    /// <summary>Where a reference starts: a value is the reference as a whole; a path refers in its last segment.</summary>
    private static int? ReferenceStart(string? text)
    {
        var start = text?.LastIndexOf(ReferencePrefix, StringComparison.Ordinal) ?? -1;
        return start >= 0 && (start == 0 || text![start - 1] == '/') && start + ReferencePrefix.Length < text!.Length ? start : null;
    }

    private static BulkOperation Failed(int index, string method, string? bulkId, string path, ScimErrorType type, string detail) =>
        new(index, method, bulkId, null, path, null, new HashSet<string>(), new ScimError(StatusCodes.Status400BadRequest, type, $"Operation {index}: {detail}"));

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static ScimException Invalid(ScimErrorType type, string detail) => new(StatusCodes.Status400BadRequest, type, detail);
}
