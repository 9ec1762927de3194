using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Scim.Core.Errors;
using Scim.Core.Serialization;

namespace Scim.AspNetCore.Endpoints;

/// <summary>The HTTP side of SCIM: reading JSON bodies, writing SCIM documents and errors, entity tags, base URLs.</summary>
internal static class ScimHttp
{
    public const string ContentType = ScimJson.MediaType + "; charset=utf-8";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ScimJson.Options.Encoder };

    /// <summary>
    /// Writes a SCIM error as the response: the only place an error body is made. Whatever the handler set before
    /// (status, <c>ETag</c>, <c>Location</c>) is cleared first; <paramref name="headers"/> then adds what the error needs
    /// (<c>Allow</c> on a 405, <c>WWW-Authenticate</c> on a 401).
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, ScimError error, Action<IHeaderDictionary>? headers = null)
    {
        context.Response.Clear();
        headers?.Invoke(context.Response.Headers);
        ScimRequestFeature.Record(context, error);

        return WriteJsonAsync(context, error.Status, ErrorDocument.ToJson(error));
    }

    public static Task WriteJsonAsync(HttpContext context, int status, JsonNode body) =>
        WriteJsonAsync(context, status, writer => body.WriteTo(writer, ScimJson.Options));

    // A document is written here first, so the response can say its length. One per thread: nothing awaits between
    // writing a document and copying it out. Kept unless a document made it large.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_document;

    private const int KeptDocumentBuffer = 64 * 1024;

    /// <summary>Answers <paramref name="status"/> with the SCIM JSON that <paramref name="write"/> writes, with its <c>Content-Length</c>.</summary>
    /// <remarks>
    /// With a length the answer is one block rather than chunks: the client reads it into a buffer of the right size and
    /// parses no chunk headers. The body was held in memory until the end either way (nothing is flushed before it is done).
    /// </remarks>
    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        var document = t_document ?? new ArrayBufferWriter<byte>(4096);
        t_document = null;
        try
        {
            using (var writer = new Utf8JsonWriter(document, WriterOptions))
            {
                write(writer);
            }

            response.ContentLength = document.WrittenCount;
            response.BodyWriter.Write(document.WrittenSpan);
        }
        finally
        {
            document.ResetWrittenCount();
            if (document.Capacity <= KeptDocumentBuffer)
            {
                t_document = document;
            }
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// Reads the request body as one JSON object: <c>application/scim+json</c> or <c>application/json</c> (UTF-8, or no
    /// Content-Type at all), at most <paramref name="limit"/> bytes, no duplicate keys.
    /// </summary>
    /// <exception cref="ScimException">415 for another media type, 413 for a larger body, 400 <c>invalidSyntax</c> for bad JSON.</exception>
    public static async Task<JsonObject> ReadJsonAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        CheckContentType(request.ContentType);
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(limit);
            }

            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                throw TooLarge(limit);
            }

            if (read.IsCompleted)
            {
                try
                {
                    var body = Parse(buffer);
                    ScimRequestFeature.RecordBody(context, body);
                    return body;
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// The SCIM base URL of the request (scheme, host, path base and the path up to the SCIM root), found by dropping the
    /// route's own segments from the request path, so a prefix with parameters (<c>/scim/{tenant}</c>) works too.
    /// </summary>
    public static string BaseUrl(HttpRequest request, int routeSegments)
    {
        var path = request.Path.Value.AsSpan().TrimEnd('/');
        for (var i = 0; i < routeSegments; i++)
        {
            var slash = path.LastIndexOf('/');
            path = slash < 0 ? [] : path[..slash];
        }

        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString(path.ToString()));
    }

    /// <summary>The entity tag of a <c>meta.version</c>; a version that is not already one is quoted as a weak tag.</summary>
    public static EntityTagHeaderValue? ETagOf(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(version, out var tag)
            ? tag
            : new EntityTagHeaderValue("\"" + version.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"", isWeak: true);
    }

    /// <summary>Whether a precondition list (<c>If-Match</c> or <c>If-None-Match</c>) names the version; SCIM tags are weak, so the comparison is weak.</summary>
    public static bool Matches(IList<EntityTagHeaderValue> conditions, string? version)
    {
        var current = ETagOf(version);
        foreach (var condition in conditions)
        {
            if (condition.Equals(EntityTagHeaderValue.Any) || (current is not null && condition.Compare(current, useStrongComparison: false)))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        if (MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals(ScimJson.MediaType, StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new ScimException(StatusCodes.Status415UnsupportedMediaType, null,
            $"The request body must be {ScimJson.MediaType} or application/json in UTF-8; its Content-Type is '{contentType}'.");
    }

    private static JsonObject Parse(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidSyntax, "The request body is empty; a JSON object is expected.");
        }

        ReadOnlySpan<byte> bytes = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
        JsonNode? node;
        try
        {
            // Explicit (default) node options on the root spare every later read a walk up the tree (see ScimJson).
            node = JsonNode.Parse(
                bytes,
                new JsonNodeOptions(),
                documentOptions: new JsonDocumentOptions { MaxDepth = ScimJson.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidSyntax,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }

        return node as JsonObject
            ?? throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidSyntax, "The request body must be a JSON object.");
    }

    private static ScimException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, null, $"The request body is larger than this server accepts ({limit} bytes).");
}
