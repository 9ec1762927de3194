namespace Scim.Core.Errors;

/// <summary>
/// The one exception Scim.Core throws for bad input: it carries a <see cref="ScimError"/> that the HTTP layer
/// turns into an RFC 7644 §3.12 error response.
/// </summary>
public sealed class ScimException : Exception
{
    /// <summary>Creates an exception for the given error.</summary>
    /// <param name="error">The SCIM error to report.</param>
    public ScimException(ScimError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Detail)
    {
        Error = error;
    }

    /// <summary>Creates an exception from a status, <c>scimType</c> and detail.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="scimType">The <c>scimType</c>, or <see langword="null"/>.</param>
    /// <param name="detail">What went wrong.</param>
    public ScimException(int status, ScimErrorType? scimType, string detail)
        : this(new ScimError(status, scimType, detail))
    {
    }

    /// <summary>The error this exception reports.</summary>
    public ScimError Error { get; }

    /// <summary>The HTTP status code.</summary>
    public int Status => Error.Status;

    /// <summary>The <c>scimType</c>, or <see langword="null"/>.</summary>
    public ScimErrorType? ScimType => Error.ScimType;

    /// <summary>What went wrong, naming the attribute or position.</summary>
    public string Detail => Error.Detail;

    /// <summary>Creates a 400 <c>invalidFilter</c> exception.</summary>
    /// <param name="detail">What is wrong with the filter, and where.</param>
    /// <returns>The exception.</returns>
    public static ScimException InvalidFilter(string detail) => new(ScimError.InvalidFilter(detail));

    /// <summary>Creates a 400 <c>invalidPath</c> exception.</summary>
    /// <param name="detail">What is wrong with the path, and where.</param>
    /// <returns>The exception.</returns>
    public static ScimException InvalidPath(string detail) => new(ScimError.InvalidPath(detail));
}
