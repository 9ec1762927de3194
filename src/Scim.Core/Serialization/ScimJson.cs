using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;

namespace Scim.Core.Serialization;

/// <summary>JSON settings and parsing shared by the library: SCIM documents are UTF-8 JSON with no nulls written.</summary>
public static class ScimJson
{
    /// <summary>The media type of SCIM documents (RFC 7644 §3.1).</summary>
    public const string MediaType = "application/scim+json";

    /// <summary>The deepest JSON nesting accepted; SCIM documents need far less.</summary>
    public const int MaxDepth = 32;

    /// <summary>Options for writing SCIM JSON: compact, non-ASCII kept as is.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// Node options for parsed documents, the defaults made explicit: a node finds its options by walking up to the root
    /// on every read unless the root has some, and the DOM reads them for each node it creates or copies.
    /// </summary>
    internal static readonly JsonNodeOptions NodeOptions = new();

    /// <summary>Parses JSON text that must be one object.</summary>
    /// <param name="json">The text.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ScimException">The text is not valid JSON, too deep, or not an object (400 <c>invalidSyntax</c>).</exception>
    public static JsonObject ParseObject(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, NodeOptions, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ScimException(400, ScimErrorType.InvalidSyntax,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }

        return node as JsonObject
            ?? throw new ScimException(400, ScimErrorType.InvalidSyntax, "The request body must be a JSON object.");
    }
}
