using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Core.Filtering.Evaluation;

/// <summary>
/// Reads attribute values out of a System.Text.Json DOM without allocating where it can: strings of a parsed
/// document are decoded into a caller's stack buffer instead of materialised as <see cref="string"/>s.
/// </summary>
internal static class JsonLeaf
{
    /// <summary>Finds a property by name, exact case first, then case-insensitively as SCIM requires.</summary>
    public static JsonNode? Find(JsonObject scope, string name) => Find(scope, name, out _);

    /// <summary>As <see cref="Find(JsonObject, string)"/>; <paramref name="index"/> is the property's position, or -1 when absent.</summary>
    public static JsonNode? Find(JsonObject scope, string name, out int index)
    {
        if (scope.TryGetPropertyValue(name, out var exact, out index))
        {
            return exact;
        }

        for (var i = 0; i < scope.Count; i++)
        {
            var property = scope.GetAt(i);
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
                return property.Value;
            }
        }

        index = -1;
        return null;
    }

    /// <summary>Gets a string's characters, in <paramref name="scratch"/> when they come from a parsed document.</summary>
    public static bool TryGetString(JsonValue value, Span<char> scratch, out ReadOnlySpan<char> chars)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                chars = default;
                return false;
            }

            var raw = Unquote(JsonMarshal.GetRawUtf8Value(element));
            if (raw.IndexOf((byte)'\\') < 0 && raw.Length <= scratch.Length)
            {
                chars = scratch[..Encoding.UTF8.GetChars(raw, scratch)];
                return true;
            }

            chars = element.GetString();
            return true;
        }

        if (value.TryGetValue<string>(out var text))
        {
            chars = text;
            return true;
        }

        // Other CLR values that JSON writes as strings (Guid, DateTimeOffset, enums...): read their JSON text.
        if (value.GetValueKind() == JsonValueKind.String)
        {
            using var document = JsonDocument.Parse(value.ToJsonString());
            chars = document.RootElement.GetString();
            return true;
        }

        chars = default;
        return false;
    }

    /// <summary>Gets a number as a decimal; false for non-numbers and numbers out of decimal's range.</summary>
    public static bool TryGetNumber(JsonValue value, out decimal number)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            number = 0;
            return element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out number);
        }

        if (value.TryGetValue(out number))
        {
            return true;
        }

        if (value.TryGetValue<long>(out var whole))
        {
            number = whole;
            return true;
        }

        if (value.TryGetValue<int>(out var small))
        {
            number = small;
            return true;
        }

        // Other CLR numbers (float, short, ulong...): read their JSON text.
        number = 0;
        return value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>
    /// RFC 7644 §3.4.2.2 <c>pr</c>: a value is present unless it is null, an empty string, an empty array, or a
    /// complex value whose sub-attributes are all absent.
    /// </summary>
    public static bool IsPresent(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return false;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    var item = array[index];
                    if (IsPresent(item))
                    {
                        return true;
                    }
                }

                return false;
            case JsonObject complex:
                for (var i = 0; i < complex.Count; i++)
                {
                    if (IsPresent(complex.GetAt(i).Value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => false,
                    JsonValueKind.String => !IsEmptyString(value),
                    _ => true,
                };
        }
    }

    private static bool IsEmptyString(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return Unquote(JsonMarshal.GetRawUtf8Value(element)).IsEmpty;
        }

        return value.TryGetValue<string>(out var text) && text.Length == 0;
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
}
