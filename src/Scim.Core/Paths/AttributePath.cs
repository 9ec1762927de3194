using System.Diagnostics.CodeAnalysis;
using System.Text;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Parsing;

namespace Scim.Core.Paths;

/// <summary>
/// An attribute path (RFC 7644 §3.4.2.2 <c>attrPath</c> and §3.5.2 <c>PATH</c>): an optional schema URN, an
/// attribute, an optional value filter and an optional sub-attribute, e.g. <c>name.familyName</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value</c> or
/// <c>addresses[type eq "work"].country</c>.
/// </summary>
/// <remarks>
/// Names and the URN compare case-insensitively, as SCIM attribute names do; <see cref="ToString"/> keeps the
/// spelling that was parsed.
/// </remarks>
public sealed record AttributePath
{
    /// <summary>Creates a path.</summary>
    /// <param name="schemaUrn">The schema URN prefix, e.g. <c>urn:ietf:params:scim:schemas:core:2.0:User</c>, or <see langword="null"/>.</param>
    /// <param name="attributeName">The attribute name, e.g. <c>emails</c>.</param>
    /// <param name="valueFilter">The value filter in brackets, or <see langword="null"/>.</param>
    /// <param name="subAttributeName">The sub-attribute name, e.g. <c>value</c>, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="attributeName"/> is empty.</exception>
    public AttributePath(string? schemaUrn, string attributeName, ScimFilter? valueFilter = null, string? subAttributeName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        SchemaUrn = schemaUrn;
        AttributeName = attributeName;
        ValueFilter = valueFilter;
        SubAttributeName = subAttributeName;
    }

    /// <summary>Creates a path to a top-level attribute with no URN.</summary>
    /// <param name="attributeName">The attribute name.</param>
    public AttributePath(string attributeName)
        : this(null, attributeName)
    {
    }

    /// <summary>The schema URN prefix, or <see langword="null"/> when the path is not qualified.</summary>
    public string? SchemaUrn { get; }

    /// <summary>The attribute name.</summary>
    public string AttributeName { get; }

    /// <summary>The value filter (<c>emails[type eq "work"]</c>), or <see langword="null"/>.</summary>
    public ScimFilter? ValueFilter { get; }

    /// <summary>The sub-attribute name (<c>name.familyName</c>), or <see langword="null"/>.</summary>
    public string? SubAttributeName { get; }

    /// <summary>Parses a PATCH path (RFC 7644 §3.5.2) with the default limits.</summary>
    /// <param name="text">The path, e.g. <c>members[value eq "2819c223"]</c>.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ScimException">The text is not a valid path (<c>invalidPath</c>, with the position and what was expected).</exception>
    public static AttributePath Parse(string text) => Parse(text, ScimFilterOptions.Default);

    /// <summary>Parses a PATCH path (RFC 7644 §3.5.2) with the given limits.</summary>
    /// <param name="text">The path.</param>
    /// <param name="options">Length and nesting limits for the path and its value filter.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ScimException">The text is not a valid path (<c>invalidPath</c>, with the position and what was expected).</exception>
    public static AttributePath Parse(string text, ScimFilterOptions options) =>
        TryParse(text, options, out var path, out var error) ? path : throw new ScimException(error);

    /// <summary>Parses a PATCH path with the default limits, without throwing.</summary>
    /// <param name="text">The path.</param>
    /// <param name="path">The path, when the text is valid.</param>
    /// <param name="error">The <c>invalidPath</c> error, when it is not.</param>
    /// <returns>Whether the text is a valid path.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out AttributePath? path,
        [NotNullWhen(false)] out ScimError? error) =>
        TryParse(text, ScimFilterOptions.Default, out path, out error);

    /// <summary>Parses a PATCH path with the given limits, without throwing.</summary>
    /// <param name="text">The path.</param>
    /// <param name="options">Length and nesting limits for the path and its value filter.</param>
    /// <param name="path">The path, when the text is valid.</param>
    /// <param name="error">The <c>invalidPath</c> error, when it is not.</param>
    /// <returns>Whether the text is a valid path.</returns>
    public static bool TryParse(
        string? text,
        ScimFilterOptions options,
        [NotNullWhen(true)] out AttributePath? path,
        [NotNullWhen(false)] out ScimError? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FilterParser.TryParsePath(text, options, out path, out error);
    }

    /// <summary>Whether two paths name the same thing: names and URN compared case-insensitively, value filters by value.</summary>
    /// <param name="other">The other path.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(AttributePath? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(AttributeName, other.AttributeName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(SubAttributeName, other.SubAttributeName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(SchemaUrn, other.SchemaUrn, StringComparison.OrdinalIgnoreCase)
            && Equals(ValueFilter, other.ValueFilter));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(AttributeName),
        SubAttributeName is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(SubAttributeName),
        SchemaUrn is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(SchemaUrn),
        ValueFilter);

    /// <summary>Prints the path as SCIM text, e.g. <c>emails[type eq "work"].value</c>.</summary>
    /// <returns>The path text.</returns>
    public override string ToString()
    {
        if (SchemaUrn is null && ValueFilter is null && SubAttributeName is null)
        {
            return AttributeName;
        }

        var builder = new StringBuilder();
        FilterFormatter.AppendPath(builder, this);
        return builder.ToString();
    }
}
