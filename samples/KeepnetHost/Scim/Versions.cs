using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;

namespace KeepnetHost.Scim;

/// <summary>Row versions as SCIM entity tags: version 3 is <c>W/"3"</c>.</summary>
internal static class Versions
{
    public static string Format(long version) => $"W/\"{version}\"";

    /// <summary>Throws 412 unless <paramref name="expected"/> (as <c>W/"3"</c>, <c>"3"</c> or <c>*</c>) names <paramref name="current"/>.</summary>
    public static void Check(string? expected, long current, string what)
    {
        if (expected is null or "*")
        {
            return;
        }

        var text = expected.StartsWith("W/", StringComparison.Ordinal) ? expected[2..] : expected;
        if (!long.TryParse(text.Trim('"'), out var version) || version != current)
        {
            throw Conflict(what, current);
        }
    }

    public static ScimException Conflict(string what, long? current = null) => new(StatusCodes.Status412PreconditionFailed, null,
        current is null ? $"{what} was changed by another request; read it again." : $"{what} is at version {Format(current.Value)}, not the one expected.");
}
