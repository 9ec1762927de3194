using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Querying;

namespace Scim.Core.Stores;

/// <summary>
/// Cursor paging (RFC 9865) over the sorted matches of one <see cref="ResourceTable"/>. A cursor is a keyset position:
/// the creation sequence (default order) or the sort value and id (with <c>sortBy</c>) of the resource the previous
/// page ended or started at, so resources created or deleted between pages shift nothing and nothing is kept per
/// cursor. It also carries a hash of the query, the page size and when it was issued, and is sealed with AES-GCM under
/// a key of this table: a client can neither read nor forge one, and another tenant's or type's cursor does not open.
/// </summary>
internal sealed class CursorPager(TimeProvider time, TimeSpan lifetime)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // A cursor of ours is a few hundred characters; the bound keeps a hostile one from costing more than that.
    private const int MaxCursorLength = 4096;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>One page of <paramref name="matches"/>, already filtered and sorted by <paramref name="order"/> (creation order when <see langword="null"/>).</summary>
    /// <exception cref="ScimException">400 <c>invalidCursor</c>, <c>expiredCursor</c> or <c>invalidCount</c>.</exception>
    public QueryResult Page(List<ResourceTable.Entry> matches, ListQuery query, ResourceComparer.Comparer? order)
    {
        var count = Math.Max(query.Count, 0);
        var fingerprint = Fingerprint(query);
        int first, end;
        if (query.Cursor!.Length == 0)
        {
            first = 0;
            end = Math.Min(count, matches.Count);
        }
        else
        {
            var position = Open(query.Cursor, fingerprint, count);
            Func<ResourceTable.Entry, int> place = order is null
                ? e => e.Sequence.CompareTo(position.Sequence)
                : e => order.CompareToKey(e.Resource, position.Key, position.Id);
            if (position.Backward)
            {
                end = position.HasAnchor ? FirstIndex(matches, e => place(e) >= 0) : matches.Count;
                first = Math.Max(0, end - count);
            }
            else
            {
                first = position.HasAnchor ? FirstIndex(matches, e => place(e) > 0) : 0;
                end = first + Math.Min(count, matches.Count - first);
            }
        }

        // count=0 asks only for totalResults: a cursor would lead a client that follows nextCursor round in circles.
        var next = count > 0 && end < matches.Count ? Seal(fingerprint, count, false, end > 0 ? matches[end - 1] : null, order) : null;
        var previous = count > 0 && first > 0 ? Seal(fingerprint, count, true, first < matches.Count ? matches[first] : null, order) : null;
        return new QueryResult([.. matches.GetRange(first, end - first).Select(e => e.Resource.Clone())], matches.Count)
        {
            NextCursor = next,
            PreviousCursor = previous,
        };
    }

    /// <summary>The index of the first entry for which <paramref name="isPast"/> holds; it holds for a suffix of the list.</summary>
    private static int FirstIndex(List<ResourceTable.Entry> entries, Func<ResourceTable.Entry, bool> isPast)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (isPast(entries[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>What a cursor may only be used with: the same filter and order (the bound filter prints canonically).</summary>
    private static string Fingerprint(ListQuery query) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{query.Filter}\n{query.SortBy}\n{query.Descending}")), 0, 16);

    private static ScimException Invalid(string detail) => new(400, ScimErrorType.InvalidCursor, detail);

    /// <summary>
    /// A cursor for the page after <paramref name="anchor"/> (or from the start), or, when <paramref name="backward"/>,
    /// for the page before it (or up to the end).
    /// </summary>
    private string Seal(string fingerprint, int count, bool backward, ResourceTable.Entry? anchor, ResourceComparer.Comparer? order)
    {
        var json = new JsonObject { ["f"] = fingerprint, ["n"] = count, ["t"] = time.GetUtcNow().ToUnixTimeMilliseconds(), ["b"] = backward };
        if (anchor is not null)
        {
            json["s"] = anchor.Sequence;
            if (order is not null)
            {
                json["i"] = anchor.Resource.Id;
                json["k"] = order.KeyOf(anchor.Resource)?.DeepClone();
            }
        }

        var plain = Encoding.UTF8.GetBytes(json.ToJsonString());
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));

        // base64url: only RFC 3986 unreserved characters, as RFC 9865 §2 requires of a cursor.
        return Base64Url.EncodeToString(sealedBytes);
    }

    private Position Open(string cursor, string fingerprint, int count)
    {
        const string NotOurs = "The cursor is not one this service issued. Send an empty cursor for the first page, then nextCursor or previousCursor as returned.";
        if (cursor.Length > MaxCursorLength || !Base64Url.IsValid(cursor, out var length) || length <= NonceSize + TagSize)
        {
            throw Invalid(NotOurs);
        }

        var sealedBytes = Base64Url.DecodeFromChars(cursor);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        JsonObject json;
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
            json = JsonNode.Parse(plain)!.AsObject();
        }
        catch (Exception e) when (e is CryptographicException or JsonException or InvalidOperationException)
        {
            throw Invalid(NotOurs);
        }

        if (json["f"]?.GetValue<string>() != fingerprint)
        {
            throw Invalid("The cursor belongs to another query: filter, sortBy and sortOrder must be those of the first page.");
        }

        var issuedCount = json["n"]!.GetValue<int>();
        if (issuedCount != count)
        {
            throw new ScimException(400, ScimErrorType.InvalidCount, $"count must be that of the first page, {issuedCount}; it is {count}.");
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(json["t"]!.GetValue<long>());
        if (time.GetUtcNow() - issued > lifetime)
        {
            throw new ScimException(400, ScimErrorType.ExpiredCursor,
                $"The cursor has expired: a cursor is valid for {lifetime.TotalSeconds:0} seconds. Start again with an empty cursor.");
        }

        var sequence = json["s"];
        return new Position(json["b"]!.GetValue<bool>(), sequence is not null, sequence?.GetValue<long>() ?? 0, json["i"]?.GetValue<string>(), json["k"] as JsonValue);
    }

    /// <summary>A decoded cursor: the direction, and the anchor (none: from the start, or backward up to the end).</summary>
    private readonly record struct Position(bool Backward, bool HasAnchor, long Sequence, string? Id, JsonValue? Key);
}
