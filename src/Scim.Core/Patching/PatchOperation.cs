using System.Text.Json.Nodes;
using Scim.Core.Paths;

namespace Scim.Core.Patching;

/// <summary>One operation of a PATCH request (RFC 7644 §3.5.2).</summary>
/// <param name="Op">What to do.</param>
/// <param name="Path">
/// The target, or <see langword="null"/> when the operation has no <c>path</c>: then <paramref name="Value"/> is an
/// object whose keys are applied as paths.
/// </param>
/// <param name="Value">
/// The value as sent, or <see langword="null"/> when the operation has none (or sent JSON <c>null</c>). The engine never
/// changes it and copies what it stores, so one request can be applied many times.
/// </param>
public sealed record PatchOperation(PatchOperationType Op, AttributePath? Path, JsonNode? Value)
{
    /// <summary>Prints the operation as <c>op path</c>, e.g. <c>replace emails[type eq "work"].value</c>.</summary>
    /// <returns>The text used in error details.</returns>
    public override string ToString() => Path is null ? $"{OpName(Op)} with no path" : $"{OpName(Op)} {Path}";

    internal static string OpName(PatchOperationType op) => op switch
    {
        PatchOperationType.Add => "add",
        PatchOperationType.Replace => "replace",
        _ => "remove",
    };
}
