namespace Scim.Core.Errors;

/// <summary>Conversions between <see cref="ScimErrorType"/> and its wire form.</summary>
public static class ScimErrorTypeExtensions
{
    /// <summary>Returns the <c>scimType</c> text that RFC 7644 §3.12 puts in an error body, e.g. <c>invalidFilter</c>.</summary>
    /// <param name="type">The error type.</param>
    /// <returns>The camel-case wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static string ToWireName(this ScimErrorType type) => type switch
    {
        ScimErrorType.InvalidFilter => "invalidFilter",
        ScimErrorType.TooMany => "tooMany",
        ScimErrorType.Uniqueness => "uniqueness",
        ScimErrorType.Mutability => "mutability",
        ScimErrorType.InvalidSyntax => "invalidSyntax",
        ScimErrorType.InvalidPath => "invalidPath",
        ScimErrorType.NoTarget => "noTarget",
        ScimErrorType.InvalidValue => "invalidValue",
        ScimErrorType.InvalidVers => "invalidVers",
        ScimErrorType.Sensitive => "sensitive",
        ScimErrorType.InvalidCursor => "invalidCursor",
        ScimErrorType.ExpiredCursor => "expiredCursor",
        ScimErrorType.InvalidCount => "invalidCount",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown SCIM error type."),
    };
}
