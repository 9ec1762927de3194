using Microsoft.Data.Sqlite;
using Npgsql;
using Scim.Core.Errors;

namespace KeepnetHost.Scim;

/// <summary>
/// A database that is down, busy, read-only or out of space is a SCIM 503 with <c>Retry-After</c>, quickly, so Entra ID
/// and the other clients back off and retry, instead of a 500 that looks like a bug. Service resumes by itself: every
/// request opens its connection afresh.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>The SCIM error for an outage anywhere in <paramref name="exception"/>'s chain, or <see langword="null"/>.</summary>
    public static ScimError? ToScimError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var detail = e switch
            {
                PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) => "The database is not available right now.",
                PostgresException => null,
                NpgsqlException => "The database is not available right now.",
                SqliteException { SqliteErrorCode: 5 or 6 } => "The database is busy.",
                SqliteException { SqliteErrorCode: 8 } => "The database file is read-only; the operator must make it writable.",
                SqliteException { SqliteErrorCode: 13 } => "The database's disk is full; the operator must free space.",
                SqliteException { SqliteErrorCode: 14 } => "The database file cannot be opened.",
                TimeoutException => "The database did not answer in time.",
                _ => null,
            };
            if (detail is not null)
            {
                return new ScimError(StatusCodes.Status503ServiceUnavailable, null, detail + " Nothing was changed; retry later.");
            }
        }

        return null;
    }

    /// <summary>The <c>Retry-After</c> header's value: whole seconds, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Answers an outage met before the SCIM endpoint (the token lookup) as the endpoint would: a SCIM 503.</summary>
    public static IApplicationBuilder UseDatabaseOutageAnswer(this IApplicationBuilder app, TimeSpan retryAfter) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && ToScimError(e) is { } error)
        {
            await ScimErrorResponse.WriteAsync(context.Response, error, retryAfter, context.RequestAborted);
        }
    });
}
