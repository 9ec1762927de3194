using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Paths;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Core.Patching;

/// <summary>
/// A PATCH request (RFC 7644 §3.5.2): the <c>urn:ietf:params:scim:api:messages:2.0:PatchOp</c> message with its
/// <c>Operations</c>, parsed and with every <c>path</c> parsed. Apply it with <see cref="PatchEngine"/>.
/// </summary>
/// <remarks>
/// Parsing accepts what real clients send: member names in any case and any order (Entra ID puts
/// <c>Operations</c> before <c>schemas</c>), and <c>op</c> values in any case (Entra ID sends <c>Add</c>,
/// <c>Replace</c>, <c>Remove</c>). Failures are 400 with these <c>scimType</c>s:
/// <list type="bullet">
/// <item><c>invalidSyntax</c>: the body is not a PatchOp message (no PatchOp URN in <c>schemas</c>, <c>Operations</c>
/// missing, empty or not an array, an operation that is not an object, an unknown or missing <c>op</c>).</item>
/// <item><c>invalidPath</c>: a <c>path</c> that is not a string or does not parse.</item>
/// <item><c>invalidValue</c>: an <c>add</c> or <c>replace</c> without a <c>value</c> (§3.12: "a required value was
/// missing"), or an <c>add</c> whose value is <c>null</c>. A <c>replace</c> with <c>null</c> unassigns the target
/// (RFC 7643 §2.5: null is equivalent to unassigned).</item>
/// <item><c>tooMany</c>: more operations than <see cref="PatchOptions.MaxOperations"/>. RFC 7644 §3.12 lists
/// <c>tooMany</c> for PATCH as "more than the server is willing to process"; no other <c>scimType</c> says so.</item>
/// </list>
/// Every detail names the operation by its zero-based index in <c>Operations</c>.
/// </remarks>
public sealed class PatchRequest
{
    /// <summary>Creates a request from operations built in code.</summary>
    /// <param name="operations">The operations, applied in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> or one of them is <see langword="null"/>.</exception>
    public PatchRequest(IEnumerable<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Operations = [.. operations];
        foreach (var operation in Operations)
        {
            ArgumentNullException.ThrowIfNull(operation, nameof(operations));
        }

        Resolutions = new PathResolution?[Operations.Length];
    }

    private PatchRequest(ImmutableArray<PatchOperation> operations)
    {
        Operations = operations;
        Resolutions = new PathResolution?[operations.Length];
    }

    /// <summary>The operations, in the order they are applied.</summary>
    public ImmutableArray<PatchOperation> Operations { get; }

    /// <summary>The resolved path of each operation, filled in by the engine on first use.</summary>
    internal PathResolution?[] Resolutions { get; }

    /// <summary>Parses a PATCH request body.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="options">The operation limit and path limits; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ScimException">The body is not a valid PatchOp message (see the remarks of <see cref="PatchRequest"/>).</exception>
    public static PatchRequest Parse(JsonObject body, PatchOptions? options = null) =>
        TryParse(body, options, out var request, out var error) ? request : throw new ScimException(error);

    /// <summary>Parses a PATCH request body from JSON text.</summary>
    /// <param name="json">The request body.</param>
    /// <param name="options">The operation limit and path limits; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ScimException">The text is not a JSON object (<c>invalidSyntax</c>) or not a valid PatchOp message.</exception>
    public static PatchRequest Parse(string json, PatchOptions? options = null) => Parse(ScimJson.ParseObject(json), options);

    /// <summary>Parses a PATCH request body from UTF-8 bytes, as read from the HTTP request.</summary>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="options">The operation limit and path limits; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ScimException">The bytes are not a JSON object (<c>invalidSyntax</c>) or not a valid PatchOp message.</exception>
    public static PatchRequest Parse(ReadOnlySpan<byte> utf8Json, PatchOptions? options = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8Json, ScimJson.NodeOptions, documentOptions: new JsonDocumentOptions { MaxDepth = ScimJson.MaxDepth });
        }
        catch (JsonException e)
        {
            throw new ScimException(400, ScimErrorType.InvalidSyntax,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }

        return Parse(node as JsonObject ?? throw new ScimException(400, ScimErrorType.InvalidSyntax, "The request body must be a JSON object."), options);
    }

    /// <summary>Parses a PATCH request body without throwing.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="options">The operation limit and path limits; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="request">The request, when the body is valid.</param>
    /// <param name="error">The error, when it is not (see the remarks of <see cref="PatchRequest"/>).</param>
    /// <returns>Whether the body is a valid PatchOp message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static bool TryParse(
        JsonObject body,
        PatchOptions? options,
        [NotNullWhen(true)] out PatchRequest? request,
        [NotNullWhen(false)] out ScimError? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        options ??= PatchOptions.Default;
        request = null;
        if (!HasPatchOpSchema(Member(body, "schemas")))
        {
            error = Syntax($"The request body must have \"schemas\" containing \"{SchemaUrns.PatchOp}\".");
            return false;
        }

        if (Member(body, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            error = Syntax("The request body must have \"Operations\", an array of one or more operations.");
            return false;
        }

        if (operations.Count > options.MaxOperations)
        {
            error = new ScimError(400, ScimErrorType.TooMany,
                $"The request has {operations.Count} operations; this server accepts at most {options.MaxOperations} in one request.");
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<PatchOperation>(operations.Count);
        for (var index = 0; index < operations.Count; index++)
        {
            if (!TryParseOperation(index, operations[index], options, out var operation, out error))
            {
                return false;
            }

            builder.Add(operation);
        }

        request = new PatchRequest(builder.MoveToImmutable());
        error = null;
        return true;
    }

    private static bool TryParseOperation(
        int index,
        JsonNode? node,
        PatchOptions options,
        [NotNullWhen(true)] out PatchOperation? operation,
        [NotNullWhen(false)] out ScimError? error)
    {
        operation = null;
        if (node is not JsonObject json)
        {
            error = Syntax($"Operation {index} must be an object with \"op\", \"path\" and \"value\".");
            return false;
        }

        var opText = Member(json, "op") is JsonValue opValue && opValue.GetValueKind() == JsonValueKind.String ? opValue.GetValue<string>() : null;
        PatchOperationType op;
        if (string.Equals(opText, "add", StringComparison.OrdinalIgnoreCase))
        {
            op = PatchOperationType.Add;
        }
        else if (string.Equals(opText, "replace", StringComparison.OrdinalIgnoreCase))
        {
            op = PatchOperationType.Replace;
        }
        else if (string.Equals(opText, "remove", StringComparison.OrdinalIgnoreCase))
        {
            op = PatchOperationType.Remove;
        }
        else
        {
            error = Syntax(opText is null
                ? $"Operation {index} has no \"op\"; it must be \"add\", \"replace\" or \"remove\"."
                : $"Operation {index} has the unknown op \"{opText}\"; it must be \"add\", \"replace\" or \"remove\".");
            return false;
        }

        // "path": null counts as no path, as an absent one does.
        AttributePath? path = null;
        if (Member(json, "path") is { } pathNode)
        {
            if (pathNode is not JsonValue pathValue || pathValue.GetValueKind() != JsonValueKind.String)
            {
                error = ScimError.InvalidPath($"Operation {index} ({PatchOperation.OpName(op)}): \"path\" must be a string.");
                return false;
            }

            var text = pathValue.GetValue<string>();
            if (!AttributePath.TryParse(text, options.PathOptions, out path, out var pathError))
            {
                error = ScimError.InvalidPath($"Operation {index} ({PatchOperation.OpName(op)} {text}): {pathError.Detail}");
                return false;
            }
        }

        var value = Member(json, "value", out var hasValue);
        if (op != PatchOperationType.Remove && (!hasValue || (value is null && op == PatchOperationType.Add)))
        {
            error = ScimError.InvalidValue(
                $"Operation {index} ({new PatchOperation(op, path, null)}) has no \"value\"; {PatchOperation.OpName(op)} needs the value to {PatchOperation.OpName(op)}.");
            return false;
        }

        operation = new PatchOperation(op, path, value);
        error = null;
        return true;
    }

    private static bool HasPatchOpSchema(JsonNode? schemas)
    {
        if (schemas is not JsonArray array)
        {
            return false;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && string.Equals(value.GetValue<string>(), SchemaUrns.PatchOp, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonNode? Member(JsonObject json, string name) => Member(json, name, out _);

    private static JsonNode? Member(JsonObject json, string name, out bool found)
    {
        var value = JsonLeaf.Find(json, name, out var index);
        found = index >= 0;
        return value;
    }

    private static ScimError Syntax(string detail) => new(400, ScimErrorType.InvalidSyntax, detail);
}
