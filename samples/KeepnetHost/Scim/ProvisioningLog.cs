using System.Text.Json;
using System.Text.Json.Nodes;
using KeepnetHost.Data;

namespace KeepnetHost.Scim;

/// <summary>
/// Records the outcome of every request under <c>/scim</c> for the provisioning log, per SCIM setting: time, method,
/// path, the resource a POST or PUT named, status, and for errors the SCIM body's <c>scimType</c> and <c>detail</c>.
/// </summary>
/// <remarks>
/// Requests without a valid token name no company (the token matches no setting), so they are kept in one host-wide
/// list with no setting. Never kept: the token, the request body (a user may carry a <c>password</c>), the response
/// body of a success. <see cref="ProvisioningLogBook"/> writes the entries after the request, apart from its
/// transaction, so a write the store rolled back is never saved with it, and a failure to log never fails the request.
/// </remarks>
public sealed class ProvisioningLog(RequestDelegate next, ProvisioningLogBook book)
{
    private const int CapturedBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var names = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method);
        if (names)
        {
            request.EnableBuffering();
        }

        var original = context.Response.Body;
        var capture = new CapturingStream(original, CapturedBytes);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        book.Record(await EntryAsync(context, capture, names));
    }

    private static async Task<ProvisioningLogEntry> EntryAsync(HttpContext context, CapturingStream capture, bool names)
    {
        var request = context.Request;
        var companyId = context.User.FindFirst(ScimCaller.CompanyClaim)?.Value;
        var path = request.Path.Value + Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty);
        var entry = new ProvisioningLogEntry
        {
            CompanyId = companyId,
            SettingId = companyId is null ? null : context.User.FindFirst(ScimCaller.SettingClaim)?.Value,
            Time = DateTime.UtcNow,
            Method = request.Method,
            Path = Cut(path, 512)!,
            Status = context.Response.StatusCode,
            Resource = names ? Cut(await ResourceNameAsync(request), 256) : null,
        };
        if (entry.Status >= 400 && ErrorOf(capture.Captured) is { } error)
        {
            entry.ScimType = Cut(error["scimType"]?.GetValue<string>(), 32);
            entry.Detail = Cut(error["detail"]?.GetValue<string>(), 2048);
        }

        if (entry.Status == StatusCodes.Status401Unauthorized && companyId is null)
        {
            entry.Detail = request.Headers.Authorization.Count == 0
                ? "No bearer token was sent (Authorization: Bearer <the setting's Secret Token>)."
                : "The bearer token matches no SCIM setting: it was revoked or regenerated, or copied incompletely.";
        }

        return entry;
    }

    /// <summary>The <c>userName</c> or <c>displayName</c> of the JSON body the endpoint read (and the buffering kept).</summary>
    private static async Task<string?> ResourceNameAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek || request.Body.Length is 0 or > 1024 * 1024 || request.Path.Value?.EndsWith("/Bulk", StringComparison.OrdinalIgnoreCase) == true)
        {
            return null;
        }

        try
        {
            request.Body.Position = 0;
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            return (body?["userName"] ?? body?["displayName"]) is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject? ErrorOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            return body.IsEmpty ? null : JsonNode.Parse(body.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    /// <summary>Writes through to the response and keeps the first bytes, enough for any SCIM error body.</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _captured = new();

        public ReadOnlyMemory<byte> Captured => _captured.GetBuffer().AsMemory(0, (int)_captured.Length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = limit - (int)_captured.Length;
            if (room > 0)
            {
                _captured.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }
    }
}
