using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;

namespace Scim.Core.Schema;

/// <summary>
/// Reads and writes schema representations (RFC 7643 §7) and resource type representations (§6) as JSON.
/// Reading matches characteristic names and keyword values (<c>"mutability": "readOnly"</c>) case-insensitively,
/// gives an absent or null characteristic its RFC 7643 §2.2 default, ignores characteristics it does not know
/// (and <c>schemas</c> and <c>meta</c>), and rejects a malformed document with a detail that names the attribute.
/// Writing states every characteristic of every attribute, even where the RFC's own representations (§8.7) leave a
/// default out, leaves out empty <c>canonicalValues</c> and <c>referenceTypes</c>, and never writes null.
/// </summary>
public static class SchemaJson
{
    // RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA; "$ref" is the one exception.
    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Reads a schema representation such as those of RFC 7643 §8.7.</summary>
    /// <param name="json">The schema document.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ScimException">
    /// The document is malformed (400 <c>invalidSyntax</c>); the detail names the place, e.g.
    /// <c>attributes[3] (emails).subAttributes[0] (value): unknown type 'strng'</c>.
    /// </exception>
    public static ScimSchema ReadSchema(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fields = Fields(json, "");
        var id = GetRequiredString(fields, "id", "");
        var attributes = fields.TryGetValue("attributes", out var node)
            ? ReadAttributes(node, "attributes")
            : throw Fail("", "'attributes' is required");
        return new ScimSchema(id, GetString(fields, "name", ""), attributes) { Description = GetString(fields, "description", "") };
    }

    /// <summary>Writes a schema representation (RFC 7643 §7) with every characteristic of every attribute.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="location">The URI of the schema resource for <c>meta.location</c>; without it no <c>meta</c> is written.</param>
    /// <returns>The document.</returns>
    public static JsonObject WriteSchema(ScimSchema schema, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var json = new JsonObject { ["schemas"] = new JsonArray(SchemaUrns.Schema), ["id"] = schema.Id };
        if (schema.Name is { } name)
        {
            json["name"] = name;
        }

        if (schema.Description is { } description)
        {
            json["description"] = description;
        }

        json["attributes"] = WriteAttributes(schema.Attributes);
        if (location is not null)
        {
            json["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = location };
        }

        return json;
    }

    /// <summary>
    /// Reads a resource type representation (RFC 7643 §6). Its <c>id</c> is not read: a <see cref="ResourceType"/>
    /// is identified by its name. <c>schemaExtensions</c> may also be a single object, as the RFC's own schema for
    /// resource types (§8.7.2) declares it single-valued.
    /// </summary>
    /// <param name="json">The resource type document.</param>
    /// <returns>The resource type.</returns>
    /// <exception cref="ScimException">The document is malformed (400 <c>invalidSyntax</c>); the detail names the place.</exception>
    public static ResourceType ReadResourceType(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fields = Fields(json, "");
        var name = GetRequiredString(fields, "name", "");
        var endpoint = GetRequiredString(fields, "endpoint", "");
        var schema = GetRequiredString(fields, "schema", "");
        List<SchemaExtension> extensions = [];
        if (fields.TryGetValue("schemaExtensions", out var node))
        {
            IEnumerable<JsonNode?> items = node switch
            {
                JsonArray array => array,
                JsonObject single => new JsonNode?[] { single },
                _ => throw Fail("schemaExtensions", "must be an array of objects"),
            };
            foreach (var item in items)
            {
                var at = $"schemaExtensions[{extensions.Count}]";
                var extension = Fields(item as JsonObject ?? throw Fail(at, "must be an object"), at);
                extensions.Add(new SchemaExtension(GetRequiredString(extension, "schema", at), GetBoolean(extension, "required", at)));
            }
        }

        return new ResourceType(name, endpoint, schema, extensions) { Description = GetString(fields, "description", "") };
    }

    /// <summary>Writes a resource type representation (RFC 7643 §6).</summary>
    /// <param name="type">The resource type.</param>
    /// <param name="location">The URI of the resource type resource for <c>meta.location</c>; without it no <c>meta</c> is written.</param>
    /// <returns>The document.</returns>
    public static JsonObject WriteResourceType(ResourceType type, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.ResourceType),
            ["id"] = type.Id,
            ["name"] = type.Name,
            ["endpoint"] = type.Endpoint,
        };
        if (type.Description is { } description)
        {
            json["description"] = description;
        }

        json["schema"] = type.Schema;
        if (!type.SchemaExtensions.IsDefaultOrEmpty)
        {
            json["schemaExtensions"] = new JsonArray(
                [.. type.SchemaExtensions.Select(e => new JsonObject { ["schema"] = e.Schema, ["required"] = e.Required })]);
        }

        if (location is not null)
        {
            json["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = location };
        }

        return json;
    }

    private static ImmutableArray<SchemaAttribute> ReadAttributes(JsonNode node, string path)
    {
        if (node is not JsonArray array)
        {
            throw Fail(path, "must be an array of attribute objects");
        }

        var attributes = ImmutableArray.CreateBuilder<SchemaAttribute>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{path}[{i}]";
            var attribute = ReadAttribute(array[i] as JsonObject ?? throw Fail(at, "must be an object"), at);
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(attributes[j].Name, attribute.Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail($"{at} ({attribute.Name})", $"repeats {path}[{j}] ({attributes[j].Name}); attribute names are case-insensitive");
                }
            }

            attributes.Add(attribute);
        }

        return attributes.MoveToImmutable();
    }

    private static SchemaAttribute ReadAttribute(JsonObject json, string path)
    {
        var fields = Fields(json, path);
        var name = GetString(fields, "name", path);
        if (string.IsNullOrEmpty(name))
        {
            throw Fail(path, "'name' is required");
        }

        if (name != "$ref" && !(char.IsAsciiLetter(name[0]) && !name.AsSpan(1).ContainsAnyExcept(NameChars)))
        {
            throw Fail(path, $"'{name}' is not a valid attribute name (RFC 7643 §2.1)");
        }

        path = $"{path} ({name})";
        var type = GetKeyword(fields, "type", path, AttributeType.String);
        var referenceTypes = GetStrings(fields, "referenceTypes", path);
        if (referenceTypes.Length > 0 && type != AttributeType.Reference)
        {
            throw Fail(path, $"only a reference attribute has 'referenceTypes', and this one is of type '{Wire(type)}'");
        }

        // RFC 7643 §2.3.8 forbids complex sub-attributes, yet its own schema for schemas (§8.7.2) has one
        // (attributes.subAttributes), so nesting is read as written.
        ImmutableArray<SchemaAttribute> subAttributes = [];
        if (fields.TryGetValue("subAttributes", out var subNode) && subNode is not JsonArray { Count: 0 })
        {
            subAttributes = type == AttributeType.Complex
                ? ReadAttributes(subNode, $"{path}.subAttributes")
                : throw Fail(path, $"only a complex attribute has 'subAttributes', and this one is of type '{Wire(type)}'");
        }

        return new SchemaAttribute(name, type)
        {
            MultiValued = GetBoolean(fields, "multiValued", path),
            Description = GetString(fields, "description", path),
            Required = GetBoolean(fields, "required", path),
            CaseExact = GetBoolean(fields, "caseExact", path),
            CanonicalValues = GetStrings(fields, "canonicalValues", path),
            Mutability = GetKeyword(fields, "mutability", path, Mutability.ReadWrite),
            Returned = GetKeyword(fields, "returned", path, Returned.Default),
            Uniqueness = GetKeyword(fields, "uniqueness", path, Uniqueness.None),
            ReferenceTypes = referenceTypes,
            SubAttributes = subAttributes,
        };
    }

    private static JsonArray WriteAttributes(ImmutableArray<SchemaAttribute> attributes)
    {
        var json = new JsonArray();
        foreach (var attribute in attributes.IsDefault ? [] : attributes)
        {
            var item = new JsonObject { ["name"] = attribute.Name, ["type"] = Wire(attribute.Type) };
            if (!attribute.ReferenceTypes.IsDefaultOrEmpty)
            {
                item["referenceTypes"] = WriteStrings(attribute.ReferenceTypes);
            }

            item["multiValued"] = attribute.MultiValued;
            if (attribute.Description is { } description)
            {
                item["description"] = description;
            }

            item["required"] = attribute.Required;
            item["caseExact"] = attribute.CaseExact;
            if (!attribute.CanonicalValues.IsDefaultOrEmpty)
            {
                item["canonicalValues"] = WriteStrings(attribute.CanonicalValues);
            }

            item["mutability"] = Wire(attribute.Mutability);
            item["returned"] = Wire(attribute.Returned);
            item["uniqueness"] = Wire(attribute.Uniqueness);
            if (!attribute.SubAttributes.IsDefaultOrEmpty)
            {
                item["subAttributes"] = WriteAttributes(attribute.SubAttributes);
            }

            json.Add((JsonNode)item);
        }

        return json;
    }

    private static JsonArray WriteStrings(ImmutableArray<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    // SCIM names are case-insensitive (RFC 7643 §2.1), so "Type" and "type" in one object would be the same
    // characteristic given twice; a null value is the same as an absent one (§2.5).
    private static Dictionary<string, JsonNode> Fields(JsonObject json, string path)
    {
        var fields = new Dictionary<string, JsonNode>(json.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in json)
        {
            if (value is not null && !fields.TryAdd(key, value))
            {
                throw Fail(path, $"'{key}' is given twice (names are case-insensitive)");
            }
        }

        return fields;
    }

    private static string? GetString(Dictionary<string, JsonNode> fields, string name, string path) =>
        !fields.TryGetValue(name, out var node) ? null
        : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
        : throw Fail(path, $"'{name}' must be a string");

    private static string GetRequiredString(Dictionary<string, JsonNode> fields, string name, string path) =>
        GetString(fields, name, path) is { Length: > 0 } value ? value : throw Fail(path, $"'{name}' must be a non-empty string");

    private static bool GetBoolean(Dictionary<string, JsonNode> fields, string name, string path) =>
        fields.TryGetValue(name, out var node) && node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(path, $"'{name}' must be true or false"),
        };

    private static ImmutableArray<string> GetStrings(Dictionary<string, JsonNode> fields, string name, string path)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            return [];
        }

        var array = node as JsonArray ?? throw Fail(path, $"'{name}' must be an array of strings");
        var values = ImmutableArray.CreateBuilder<string>(array.Count);
        foreach (var item in array)
        {
            values.Add(item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : throw Fail(path, $"'{name}' must be an array of strings"));
        }

        return values.MoveToImmutable();
    }

    // The enum member names are the RFC keywords in Pascal case. Letters only, so Enum.TryParse cannot take a
    // number or a comma-separated list of flags.
    private static T GetKeyword<T>(Dictionary<string, JsonNode> fields, string name, string path, T fallback)
        where T : struct, Enum
    {
        if (GetString(fields, name, path) is not { } text)
        {
            return fallback;
        }

        return text.Length > 0 && text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value)
            ? value
            : throw Fail(path, $"unknown {name} '{text}'");
    }

    private static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static ScimException Fail(string path, string problem) =>
        new(400, ScimErrorType.InvalidSyntax, path.Length == 0 ? problem : $"{path}: {problem}");
}
