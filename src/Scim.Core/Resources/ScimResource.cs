using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Core.Resources;

/// <summary>
/// A SCIM resource: a JSON object (System.Text.Json DOM) of a known resource type, with typed access to the common
/// attributes <c>id</c>, <c>externalId</c>, <c>meta</c> and <c>schemas</c>. Extension attributes live under their
/// schema URN, as on the wire.
/// </summary>
public sealed class ScimResource
{
    /// <summary>Wraps a JSON object as a resource of the given type (no validation; see <c>SchemaValidator</c>).</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <param name="json">The resource JSON; the resource owns it from now on.</param>
    public ScimResource(ResourceType resourceType, JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(json);
        ResourceType = resourceType;
        Json = json;
    }

    /// <summary>The resource type.</summary>
    public ResourceType ResourceType { get; }

    /// <summary>The resource as JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>The service provider's identifier, or <see langword="null"/> before the resource is stored.</summary>
    public string? Id
    {
        get => GetString(Json, "id");
        set => Set(Json, "id", value);
    }

    /// <summary>The client's identifier for the resource.</summary>
    public string? ExternalId
    {
        get => GetString(Json, "externalId");
        set => Set(Json, "externalId", value);
    }

    /// <summary>The schema URNs the resource declares.</summary>
    public IReadOnlyList<string> Schemas =>
        Json["schemas"] is JsonArray schemas
            ? [.. schemas.Select(s => s is JsonValue v && v.TryGetValue<string>(out var urn) ? urn : s?.ToJsonString() ?? "null")]
            : [];

    /// <summary>The resource metadata, or <see langword="null"/> when it has none.</summary>
    public ScimMeta? Meta
    {
        get => Json["meta"] is JsonObject meta ? ScimMeta.FromJson(meta) : null;
        set => Set(Json, "meta", value?.ToJson());
    }

    /// <summary>The <c>meta.version</c> (an ETag such as <c>W/"3"</c>), or <see langword="null"/>.</summary>
    public string? Version => Json["meta"] is JsonObject meta ? GetString(meta, "version") : null;

    /// <summary>Parses a resource from JSON text.</summary>
    /// <param name="resourceType">The resource type.</param>
    /// <param name="json">The JSON text of one object.</param>
    /// <returns>The resource.</returns>
    /// <exception cref="ScimException">The text is not a JSON object (<c>invalidSyntax</c>, with the position).</exception>
    public static ScimResource Parse(ResourceType resourceType, string json) => new(resourceType, ScimJson.ParseObject(json));

    /// <summary>Sets <c>schemas</c> to the core schema followed by each extension whose object is present.</summary>
    public void SyncSchemas()
    {
        var schemas = new JsonArray(ResourceType.Schema);
        foreach (var extension in ResourceType.SchemaExtensions)
        {
            if (Json.Any(p => string.Equals(p.Key, extension.Schema, StringComparison.OrdinalIgnoreCase) && p.Value is JsonObject))
            {
                schemas.Add((JsonNode)extension.Schema);
            }
        }

        Json["schemas"] = schemas;
    }

    /// <summary>A deep copy that can be changed without touching this one.</summary>
    /// <returns>The copy.</returns>
    public ScimResource Clone() => new(ResourceType, (JsonObject)Json.DeepClone());

    /// <summary>The resource as JSON text.</summary>
    /// <returns>Compact JSON.</returns>
    public override string ToString() => Json.ToJsonString(ScimJson.Options);

    private static string? GetString(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is null)
        {
            json.Remove(name);
        }
        else
        {
            json[name] = value;
        }
    }
}
