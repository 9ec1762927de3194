using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scim.Core.Errors;

namespace KeepnetHost.Scim;

/// <summary>Recognises a unique-index violation on either database and says which value was taken.</summary>
internal static class StoreErrors
{
    /// <summary>The violated index's text (name or columns), or <see langword="null"/> when the error is something else.</summary>
    public static string? UniqueViolation(DbUpdateException exception) => exception.InnerException is DbException inner ? UniqueViolation(inner) : null;

    /// <summary>The violated index's text (name or columns), or <see langword="null"/> when the error is something else.</summary>
    public static string? UniqueViolation(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName ?? postgres.MessageText,
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } sqlite => sqlite.Message,
        _ => null,
    };

    /// <summary>Whether <paramref name="index"/> is the e-mails' key (user, position): PostgreSQL names it, SQLite gives its columns.</summary>
    public static bool IsEmailKey(string index) =>
        index.Contains("PK_UserEmails", StringComparison.Ordinal) || index.Contains("UserEmails.Position", StringComparison.Ordinal);

    /// <summary>The SCIM 409 <c>uniqueness</c> for a violation of <paramref name="index"/>, naming the attribute whose value is taken.</summary>
    public static ScimException Taken(string index) => new(StatusCodes.Status409Conflict, ScimErrorType.Uniqueness,
        index.Contains("UserNameKey", StringComparison.Ordinal) ? "userName is already taken by another user of this company."
        : index.Contains("ExternalId", StringComparison.Ordinal) ? "externalId is already taken by another user of this company."
        : index.Contains("NameKey", StringComparison.Ordinal) ? "displayName is already taken by another group of this company."
        : "A unique value is already taken.");
}
