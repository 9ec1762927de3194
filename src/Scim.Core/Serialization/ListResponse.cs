using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>
/// A page of query results (RFC 7644 §3.4.2): <c>totalResults</c>, <c>startIndex</c>, <c>itemsPerPage</c>, <c>Resources</c>,
/// and in cursor paging <c>nextCursor</c> and <c>previousCursor</c> (RFC 9865 §2).
/// </summary>
/// <param name="Resources">The resources on this page, already projected.</param>
/// <param name="TotalResults">How many resources match in all.</param>
/// <param name="StartIndex">The 1-based index of the first resource on this page; <see langword="null"/> in cursor paging, which leaves it out.</param>
public sealed record ListResponse(IReadOnlyList<JsonObject> Resources, int TotalResults, int? StartIndex = 1)
{
    /// <summary>The cursor of the next page, written as <c>nextCursor</c>; <see langword="null"/> on the last page.</summary>
    public string? NextCursor { get; init; }

    /// <summary>The cursor of the previous page, written as <c>previousCursor</c>; <see langword="null"/> on the first page.</summary>
    public string? PreviousCursor { get; init; }

    /// <summary>Writes the list response; resources are copied so the caller keeps its own.</summary>
    /// <returns>The JSON body.</returns>
    public JsonObject ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer, Resources, static (w, resource) => resource.WriteTo(w, ScimJson.Options));
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>
    /// Writes this list response with <paramref name="resources"/> as its <c>Resources</c>, each written by
    /// <paramref name="writeResource"/>: a page can be projected on its way out (<see cref="Querying.AttributeProjection.Write"/>)
    /// rather than copied first. <see cref="Resources"/> is not written.
    /// </summary>
    /// <typeparam name="TResource">What the page holds.</typeparam>
    /// <param name="writer">Where the list response is written, as one JSON object.</param>
    /// <param name="resources">The resources on this page, in order.</param>
    /// <param name="writeResource">Writes one resource as one JSON object.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public void WriteTo<TResource>(Utf8JsonWriter writer, IReadOnlyList<TResource> resources, Action<Utf8JsonWriter, TResource> writeResource)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(writeResource);
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(SchemaUrns.ListResponse);
        writer.WriteEndArray();
        writer.WriteNumber("totalResults", TotalResults);
        if (StartIndex is { } startIndex)
        {
            writer.WriteNumber("startIndex", startIndex);
        }

        writer.WriteNumber("itemsPerPage", resources.Count);
        if (PreviousCursor is not null)
        {
            writer.WriteString("previousCursor", PreviousCursor);
        }

        if (NextCursor is not null)
        {
            writer.WriteString("nextCursor", NextCursor);
        }

        writer.WriteStartArray("Resources");
        foreach (var resource in resources)
        {
            writeResource(writer, resource);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
