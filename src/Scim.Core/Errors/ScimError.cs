namespace Scim.Core.Errors;

/// <summary>
/// A SCIM error as RFC 7644 §3.12 describes it: an HTTP status, an optional <c>scimType</c> and a
/// human-readable detail that names the attribute or the position at fault.
/// </summary>
/// <param name="Status">The HTTP status code, e.g. 400.</param>
/// <param name="ScimType">The <c>scimType</c>, or <see langword="null"/> when the RFC defines none for the status.</param>
/// <param name="Detail">What went wrong, for a person to read.</param>
public sealed record ScimError(int Status, ScimErrorType? ScimType, string Detail)
{
    /// <summary>Creates a 400 <c>invalidFilter</c> error.</summary>
    /// <param name="detail">What is wrong with the filter, and where.</param>
    /// <returns>The error.</returns>
    public static ScimError InvalidFilter(string detail) => new(400, ScimErrorType.InvalidFilter, detail);

    /// <summary>Creates a 400 <c>invalidPath</c> error.</summary>
    /// <param name="detail">What is wrong with the path, and where.</param>
    /// <returns>The error.</returns>
    public static ScimError InvalidPath(string detail) => new(400, ScimErrorType.InvalidPath, detail);

    /// <summary>Creates a 400 <c>invalidValue</c> error.</summary>
    /// <param name="detail">Which value is wrong, and why.</param>
    /// <returns>The error.</returns>
    public static ScimError InvalidValue(string detail) => new(400, ScimErrorType.InvalidValue, detail);
}
