using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Core.Querying;

/// <summary>
/// Shapes a resource for a response: the <c>attributes</c> and <c>excludedAttributes</c> parameters
/// (RFC 7644 §3.4.2.5, §3.9) together with each attribute's <c>returned</c> characteristic (RFC 7643 §7).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>returned: never</c> (and <c>mutability: writeOnly</c>, RFC 7643 §7) never appears, even when named;
/// <c>returned: always</c> (<c>id</c>, <c>schemas</c>) always appears when it has a value; <c>returned: request</c>
/// appears only when it, its complex attribute or its extension is named in <c>attributes</c>.</item>
/// <item>With <c>attributes</c>, only what is named appears, plus what is always returned. Naming a complex attribute
/// selects all its returnable sub-attributes; naming a sub-attribute (<c>emails.value</c>) selects only that
/// sub-attribute, of every value of a multi-valued attribute. An extension's URN on its own
/// (<c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User</c>) selects the whole extension, and the core
/// schema's URN on its own selects every attribute outside the extensions.</item>
/// <item>With <c>excludedAttributes</c>, what is returned by default appears except what is named; what is always
/// returned cannot be excluded.</item>
/// <item>RFC 7644 §3.9 says a client SHALL NOT send both. When both are given, <c>attributes</c> wins and
/// <c>excludedAttributes</c> is ignored; an empty list counts as not given.</item>
/// <item>Names resolve through <see cref="SchemaRegistry.TryResolve"/>: case-insensitively, URN-qualified or not, an
/// unqualified name finding an extension attribute too. Names the resource type does not define (and names two
/// extensions define) are ignored, since RFC 7644 §3.9 does not make them errors.</item>
/// <item>A property of the resource that its schema does not define is treated as <c>returned: default</c>.</item>
/// <item>Unassigned values are left out (RFC 7643 §2.5): <c>null</c>, and arrays and complex values that nothing
/// is left of.</item>
/// <item><c>schemas</c> lists the core schema and each extension that still has an object in the result.</item>
/// </list>
/// </remarks>
public static class AttributeProjection
{
    private enum Mode
    {
        /// <summary>Neither list: what is returned by default.</summary>
        All,

        /// <summary><c>attributes</c>: what is named.</summary>
        Only,

        /// <summary><c>excludedAttributes</c>: what is returned by default, except what is named.</summary>
        Except,
    }

    /// <summary>Projects a resource, leaving it untouched.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="registry">The registry that defines the resource's schemas.</param>
    /// <param name="attributes">The <c>attributes</c> parameter, or <see langword="null"/>.</param>
    /// <param name="excludedAttributes">The <c>excludedAttributes</c> parameter, or <see langword="null"/>; ignored when <paramref name="attributes"/> is not empty.</param>
    /// <returns>A new JSON object that shares no node with the resource.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> or <paramref name="registry"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The registry does not define the resource's core schema.</exception>
    /// <exception cref="ScimException">A path has a value filter (<c>invalidValue</c>): the lists take attribute names (RFC 7644 §3.10).</exception>
    public static JsonObject Apply(
        ScimResource resource,
        SchemaRegistry registry,
        IReadOnlyList<AttributePath>? attributes,
        IReadOnlyList<AttributePath>? excludedAttributes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, resource, registry, attributes, excludedAttributes);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>
    /// Writes the projection of a resource (what <see cref="Apply"/> returns) straight to <paramref name="writer"/>,
    /// leaving the resource untouched: a response needs no copy of the resource.
    /// </summary>
    /// <remarks>
    /// A resource in its stored form (<see cref="ScimResource.FromStored"/>) is projected from its text and never
    /// becomes a <see cref="JsonObject"/>.
    /// </remarks>
    /// <param name="writer">Where the projected resource is written, as one JSON object.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="registry">The registry that defines the resource's schemas.</param>
    /// <param name="attributes">The <c>attributes</c> parameter, or <see langword="null"/>.</param>
    /// <param name="excludedAttributes">The <c>excludedAttributes</c> parameter, or <see langword="null"/>; ignored when <paramref name="attributes"/> is not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="resource"/> or <paramref name="registry"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The registry does not define the resource's core schema.</exception>
    /// <exception cref="ScimException">A path has a value filter (<c>invalidValue</c>): the lists take attribute names (RFC 7644 §3.10).</exception>
    public static void Write(
        Utf8JsonWriter writer,
        ScimResource resource,
        SchemaRegistry registry,
        IReadOnlyList<AttributePath>? attributes,
        IReadOnlyList<AttributePath>? excludedAttributes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(registry);
        var type = resource.ResourceType;
        var core = registry.FindSchema(type.Schema)
            ?? throw new ArgumentException($"The schema '{type.Schema}' of the {type.Name} resource type is not registered.", nameof(registry));
        var (mode, names) = attributes is { Count: > 0 } ? (Mode.Only, attributes)
            : excludedAttributes is { Count: > 0 } ? (Mode.Except, excludedAttributes)
            : (Mode.All, null);
        var selection = names is null ? null : Select(registry, type, core, names);
        var coreNamed = selection?.Find(core)?.Whole == true;
        if (resource.StoredForm is { } stored)
        {
            using var document = JsonDocument.Parse(stored.Body, new JsonDocumentOptions { MaxDepth = ScimJson.MaxDepth });
            WriteStored(writer, document.RootElement, stored, registry, type, core, selection, coreNamed, mode);
        }
        else
        {
            WriteJson(writer, resource.Json, registry, type, core, selection, coreNamed, mode);
        }
    }

    private static void WriteJson(
        Utf8JsonWriter writer, JsonObject json, SchemaRegistry registry, ResourceType type, ScimSchema core, Selection? selection, bool coreNamed, Mode mode)
    {
        // schemas comes first and lists the extensions that keep something, so those are projected once without a writer.
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(type.Schema);
        // Index loops, here and below: a JsonObject's or JsonArray's enumerator is a boxed allocation per loop.
        for (var i = 0; i < json.Count; i++)
        {
            var (name, value) = json.GetAt(i);
            if (value is JsonObject extensionObject && FindExtension(registry, type, name) is { } extension)
            {
                var named = selection?.Find(extension);
                if (EmitComplex(null, extensionObject, extension.Attributes, Returned.Default, named, named?.Whole == true, mode))
                {
                    writer.WriteStringValue(extension.Id);
                }
            }
        }

        writer.WriteEndArray();
        for (var i = 0; i < json.Count; i++)
        {
            var (name, value) = json.GetAt(i);
            if (string.Equals(name, "schemas", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value is JsonObject extensionObject && FindExtension(registry, type, name) is { } extension)
            {
                var named = selection?.Find(extension);
                if (EmitComplex(null, extensionObject, extension.Attributes, Returned.Default, named, named?.Whole == true, mode))
                {
                    writer.WritePropertyName(name);
                    EmitComplex(writer, extensionObject, extension.Attributes, Returned.Default, named, named?.Whole == true, mode);
                }
            }
            else
            {
                var definition = CommonAttributes.Schema.FindAttribute(name) ?? core.FindAttribute(name);
                var named = selection?.Find(definition);
                // Tried without a writer first: a complex or multi-valued attribute that nothing is left of is left out.
                if (EmitValue(null, value, definition, Returned.Default, named, coreNamed, mode))
                {
                    writer.WritePropertyName(name);
                    EmitValue(writer, value, definition, Returned.Default, named, coreNamed, mode);
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// <see cref="WriteJson"/> for a resource in its stored form, read from its text: the same projection, with <c>id</c>
    /// after <c>schemas</c> and <c>meta</c> last, where its JSON object has them.
    /// </summary>
    private static void WriteStored(
        Utf8JsonWriter writer, JsonElement json, ScimResource.Stored stored, SchemaRegistry registry, ResourceType type, ScimSchema core,
        Selection? selection, bool coreNamed, Mode mode)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The stored {type.Name} {stored.Id} is not a JSON object.", nameof(json));
        }

        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(type.Schema);
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && FindExtension(registry, type, property.Name) is { } extension)
            {
                var named = selection?.Find(extension);
                if (EmitComplex(null, property.Value, extension.Attributes, Returned.Default, named, named?.Whole == true, mode))
                {
                    writer.WriteStringValue(extension.Id);
                }
            }
        }

        writer.WriteEndArray();
        // Returned always (RFC 7643 §3.1), so neither list can take it away.
        writer.WriteString("id", stored.Id);
        foreach (var property in json.EnumerateObject())
        {
            var name = new PropertyName(property);
            var value = property.Value;
            if (name.Is("schemas") || name.Is("id") || name.Is("meta"))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Object && FindExtension(registry, type, property.Name) is { } extension)
            {
                var named = selection?.Find(extension);
                if (EmitComplex(null, value, extension.Attributes, Returned.Default, named, named?.Whole == true, mode))
                {
                    name.WriteTo(writer);
                    EmitComplex(writer, value, extension.Attributes, Returned.Default, named, named?.Whole == true, mode);
                }
            }
            else
            {
                var definition = name.Find(CommonAttributes.Schema.Attributes) ?? name.Find(core.Attributes);
                var named = selection?.Find(definition);
                if (EmitValue(null, value, definition, Returned.Default, named, coreNamed, mode))
                {
                    name.WriteTo(writer);
                    EmitValue(writer, value, definition, Returned.Default, named, coreNamed, mode);
                }
            }
        }

        EmitMeta(writer, stored.Meta, selection, coreNamed, mode);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a stored resource's <c>meta</c> as <c>EmitComplex</c> would write it from JSON: each sub-attribute
    /// that has a value and that the lists and its <c>returned</c> let through.
    /// </summary>
    private static void EmitMeta(Utf8JsonWriter writer, ScimMeta meta, Selection? selection, bool coreNamed, Mode mode)
    {
        var definition = CommonAttributes.Schema.FindAttribute("meta");
        var returned = Combine(Returned.Default, definition);
        var metaSelection = selection?.Find(definition);
        var named = coreNamed || metaSelection?.Whole == true;
        var any = false;
        Sub("resourceType", meta.ResourceType);
        Sub("created", ScimMeta.Format(meta.Created));
        Sub("lastModified", ScimMeta.Format(meta.LastModified));
        Sub("location", meta.Location);
        Sub("version", meta.Version);
        if (any)
        {
            writer.WriteEndObject();
        }

        void Sub(string name, string? value)
        {
            var sub = definition is null ? null : SchemaAttribute.Find(definition.SubAttributes, name);
            if (value is null || returned == Returned.Never || !Visible(Combine(returned, sub), named || metaSelection?.Find(sub)?.Whole == true, mode))
            {
                return;
            }

            if (!any)
            {
                writer.WritePropertyName("meta");
                writer.WriteStartObject();
                any = true;
            }

            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// Parses the query-parameter form of <c>attributes</c> or <c>excludedAttributes</c>: comma-separated attribute
    /// names (RFC 7644 §3.10), each trimmed; empty entries are skipped.
    /// </summary>
    /// <remarks>
    /// A malformed entry is <c>invalidValue</c> rather than <c>invalidPath</c>: RFC 7644 §3.12 defines
    /// <c>invalidPath</c> for the PATCH <c>path</c> attribute, while <c>invalidValue</c> covers a value "not compatible
    /// with the operation", which is what a bad query parameter on a GET or a search is.
    /// </remarks>
    /// <param name="commaSeparated">The parameter value, e.g. <c>userName,emails.value</c>, or <see langword="null"/>.</param>
    /// <returns>The paths, in order; empty when there are none.</returns>
    /// <exception cref="ScimException">An entry is not an attribute name, or has a value filter (<c>invalidValue</c>, naming the entry).</exception>
    public static IReadOnlyList<AttributePath> ParseList(string? commaSeparated)
    {
        if (string.IsNullOrWhiteSpace(commaSeparated))
        {
            return [];
        }

        var paths = new List<AttributePath>();
        foreach (var range in commaSeparated.AsSpan().Split(','))
        {
            var entry = commaSeparated.AsSpan()[range].Trim();
            if (entry.IsEmpty)
            {
                continue;
            }

            var text = entry.ToString();
            if (!AttributePath.TryParse(text, out var path, out var error))
            {
                throw new ScimException(ScimError.InvalidValue($"'{text}' in the attribute list is not an attribute name: {error.Detail}"));
            }

            RejectValueFilter(path);
            paths.Add(path);
        }

        return paths;
    }

    private static Selection Select(SchemaRegistry registry, ResourceType type, ScimSchema core, IReadOnlyList<AttributePath> paths)
    {
        var root = new Selection();
        foreach (var path in paths)
        {
            ArgumentNullException.ThrowIfNull(path);
            RejectValueFilter(path);

            // The parser reads "urn:...:2.0:User" as the URN "urn:...:2.0" and the attribute "User".
            if (path is { SchemaUrn: { } urn, SubAttributeName: null })
            {
                var whole = $"{urn}:{path.AttributeName}";
                if (FindExtension(registry, type, whole) is { } extension)
                {
                    root.Add(extension).Whole = true;
                    continue;
                }

                if (string.Equals(whole, type.Schema, StringComparison.OrdinalIgnoreCase))
                {
                    root.Add(core).Whole = true;
                    continue;
                }
            }

            if (!registry.TryResolve(type, path, out var resolved, out _))
            {
                continue;
            }

            var node = (resolved.IsExtension ? root.Add(resolved.Schema) : root).Add(resolved.Attribute);
            if (resolved.SubAttribute is { } sub)
            {
                node = node.Add(sub);
            }

            node.Whole = true;
        }

        return root;
    }

    private static void RejectValueFilter(AttributePath path)
    {
        if (path.ValueFilter is not null)
        {
            throw new ScimException(ScimError.InvalidValue(
                $"'{path}' in the attribute list has a value filter; attribute lists take attribute names such as 'emails.value'"));
        }
    }

    private static ScimSchema? FindExtension(SchemaRegistry registry, ResourceType type, string urn)
    {
        foreach (var extension in type.SchemaExtensions)
        {
            if (string.Equals(extension.Schema, urn, StringComparison.OrdinalIgnoreCase))
            {
                return registry.FindSchema(extension.Schema);
            }
        }

        return null;
    }

    /// <summary>
    /// Projects one attribute's value to <paramref name="writer"/>; with no writer, only says whether anything of it
    /// appears (stopping at the first thing that does).
    /// </summary>
    /// <param name="writer">Where the value is written, or <see langword="null"/> to only ask.</param>
    /// <param name="value">The value of one attribute.</param>
    /// <param name="definition">Its definition, or <see langword="null"/> when the schema has none.</param>
    /// <param name="inherited">The <c>returned</c> of the enclosing complex attribute (<c>default</c> at the top).</param>
    /// <param name="selection">What the list says about this attribute, or <see langword="null"/>.</param>
    /// <param name="named">Whether an enclosing attribute or extension is named as a whole.</param>
    /// <param name="mode">Which list applies.</param>
    /// <returns>Whether anything of the value appears.</returns>
    private static bool EmitValue(Utf8JsonWriter? writer, JsonNode? value, SchemaAttribute? definition, Returned inherited, Selection? selection, bool named, Mode mode)
    {
        var returned = Combine(inherited, definition);
        if (returned == Returned.Never || value is null)
        {
            return false;
        }

        named |= selection?.Whole == true;
        var subAttributes = definition?.SubAttributes ?? [];
        switch (value)
        {
            case JsonObject complex:
                return EmitComplex(writer, complex, subAttributes, returned, selection, named, mode);
            case JsonArray values:
                var any = false;
                for (var i = 0; i < values.Count; i++)
                {
                    var item = values[i];
                    var appears = item is JsonObject element
                        ? EmitComplex(null, element, subAttributes, returned, selection, named, mode)
                        : item is not null && Visible(returned, named, mode);
                    if (!appears)
                    {
                        continue;
                    }

                    if (writer is null)
                    {
                        return true;
                    }

                    if (!any)
                    {
                        writer.WriteStartArray();
                        any = true;
                    }

                    if (item is JsonObject kept)
                    {
                        EmitComplex(writer, kept, subAttributes, returned, selection, named, mode);
                    }
                    else
                    {
                        item!.WriteTo(writer, ScimJson.Options);
                    }
                }

                if (any)
                {
                    writer!.WriteEndArray();
                }

                return any;
            default:
                if (!Visible(returned, named, mode))
                {
                    return false;
                }

                if (writer is not null)
                {
                    value.WriteTo(writer, ScimJson.Options);
                }

                return true;
        }
    }

    /// <summary>Projects a complex value as <c>EmitValue</c> does; an object nothing is left of is not written.</summary>
    private static bool EmitComplex(
        Utf8JsonWriter? writer,
        JsonObject complex,
        ImmutableArray<SchemaAttribute> definitions,
        Returned returned,
        Selection? selection,
        bool named,
        Mode mode)
    {
        var any = false;
        for (var i = 0; i < complex.Count; i++)
        {
            var (name, value) = complex.GetAt(i);
            var definition = SchemaAttribute.Find(definitions, name);
            var subSelection = selection?.Find(definition);
            if (writer is null)
            {
                if (EmitValue(null, value, definition, returned, subSelection, named, mode))
                {
                    return true;
                }

                continue;
            }

            if (!EmitValue(null, value, definition, returned, subSelection, named, mode))
            {
                continue;
            }

            if (!any)
            {
                writer.WriteStartObject();
                any = true;
            }

            writer.WritePropertyName(name);
            EmitValue(writer, value, definition, returned, subSelection, named, mode);
        }

        if (any)
        {
            writer!.WriteEndObject();
        }

        return any;
    }

    /// <summary><see cref="EmitValue(Utf8JsonWriter?, JsonNode?, SchemaAttribute?, Returned, Selection?, bool, Mode)"/> for a value read from text.</summary>
    private static bool EmitValue(Utf8JsonWriter? writer, JsonElement value, SchemaAttribute? definition, Returned inherited, Selection? selection, bool named, Mode mode)
    {
        var returned = Combine(inherited, definition);
        if (returned == Returned.Never || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        named |= selection?.Whole == true;
        var subAttributes = definition?.SubAttributes ?? [];
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return EmitComplex(writer, value, subAttributes, returned, selection, named, mode);
            case JsonValueKind.Array:
                var any = false;
                foreach (var item in value.EnumerateArray())
                {
                    var appears = item.ValueKind == JsonValueKind.Object
                        ? EmitComplex(null, item, subAttributes, returned, selection, named, mode)
                        : item.ValueKind != JsonValueKind.Null && Visible(returned, named, mode);
                    if (!appears)
                    {
                        continue;
                    }

                    if (writer is null)
                    {
                        return true;
                    }

                    if (!any)
                    {
                        writer.WriteStartArray();
                        any = true;
                    }

                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        EmitComplex(writer, item, subAttributes, returned, selection, named, mode);
                    }
                    else
                    {
                        item.WriteTo(writer);
                    }
                }

                if (any)
                {
                    writer!.WriteEndArray();
                }

                return any;
            default:
                if (!Visible(returned, named, mode))
                {
                    return false;
                }

                if (writer is not null)
                {
                    value.WriteTo(writer);
                }

                return true;
        }
    }

    /// <summary><see cref="EmitComplex(Utf8JsonWriter?, JsonObject, ImmutableArray{SchemaAttribute}, Returned, Selection?, bool, Mode)"/> for an object read from text.</summary>
    private static bool EmitComplex(
        Utf8JsonWriter? writer,
        JsonElement complex,
        ImmutableArray<SchemaAttribute> definitions,
        Returned returned,
        Selection? selection,
        bool named,
        Mode mode)
    {
        var any = false;
        foreach (var property in complex.EnumerateObject())
        {
            var name = new PropertyName(property);
            var value = property.Value;
            var definition = name.Find(definitions);
            var subSelection = selection?.Find(definition);
            if (writer is null)
            {
                if (EmitValue(null, value, definition, returned, subSelection, named, mode))
                {
                    return true;
                }

                continue;
            }

            if (!EmitValue(null, value, definition, returned, subSelection, named, mode))
            {
                continue;
            }

            if (!any)
            {
                writer.WriteStartObject();
                any = true;
            }

            name.WriteTo(writer);
            EmitValue(writer, value, definition, returned, subSelection, named, mode);
        }

        if (any)
        {
            writer!.WriteEndObject();
        }

        return any;
    }

    /// <summary>
    /// The <c>returned</c> that applies inside a complex attribute: the stricter of the two, in the order never,
    /// request, always, default. A writeOnly attribute is never returned whatever its schema says.
    /// </summary>
    private static Returned Combine(Returned inherited, SchemaAttribute? definition)
    {
        var own = definition is null ? Returned.Default
            : definition.Mutability == Mutability.WriteOnly ? Returned.Never
            : definition.Returned;
        return Rank(own) >= Rank(inherited) ? own : inherited;

        static int Rank(Returned returned) => returned switch
        {
            Returned.Never => 3,
            Returned.Request => 2,
            Returned.Always => 1,
            _ => 0,
        };
    }

    /// <summary>Whether a simple value appears; <paramref name="named"/> is whether the active list names it or what encloses it.</summary>
    private static bool Visible(Returned returned, bool named, Mode mode) => returned switch
    {
        Returned.Always => true,
        Returned.Never => false,
        Returned.Request => mode == Mode.Only && named,
        _ => mode switch
        {
            Mode.Only => named,
            Mode.Except => !named,
            _ => true,
        },
    };

    /// <summary>
    /// A property's name as the text has it: looked up and written from its UTF-8 bytes, so no string is made for it
    /// (that was most of what projecting a stored user allocated), unless it holds an escape.
    /// </summary>
    private readonly ref struct PropertyName
    {
        private readonly ReadOnlySpan<byte> _utf8;
        private readonly string? _unescaped;

        public PropertyName(JsonProperty property)
        {
            _utf8 = JsonMarshal.GetRawUtf8PropertyName(property);
            _unescaped = _utf8.Contains((byte)'\\') ? property.Name : null;
        }

        /// <summary>Whether it is <paramref name="name"/>, in any case.</summary>
        public bool Is(string name) =>
            _unescaped is null ? System.Text.Ascii.EqualsIgnoreCase(_utf8, name) : _unescaped.Equals(name, StringComparison.OrdinalIgnoreCase);

        public SchemaAttribute? Find(ImmutableArray<SchemaAttribute> definitions) =>
            _unescaped is null ? SchemaAttribute.Find(definitions, _utf8) : SchemaAttribute.Find(definitions, _unescaped);

        public void WriteTo(Utf8JsonWriter writer)
        {
            if (_unescaped is null)
            {
                writer.WritePropertyName(_utf8);
            }
            else
            {
                writer.WritePropertyName(_unescaped);
            }
        }
    }

    /// <summary>
    /// What a list names, as a tree keyed by definition: at the top by core or common <see cref="SchemaAttribute"/>
    /// and by extension <see cref="ScimSchema"/>, below by sub-attribute. Keys compare by reference, as the registry
    /// hands out one instance per definition.
    /// </summary>
    private sealed class Selection
    {
        private Dictionary<object, Selection>? _children;

        /// <summary>Whether this node is named as a whole (not just some of its children).</summary>
        public bool Whole { get; set; }

        public Selection? Find(object? key) =>
            key is not null && _children is not null && _children.TryGetValue(key, out var child) ? child : null;

        public Selection Add(object key)
        {
            _children ??= new Dictionary<object, Selection>(ReferenceEqualityComparer.Instance);
            if (!_children.TryGetValue(key, out var child))
            {
                _children[key] = child = new Selection();
            }

            return child;
        }
    }
}
