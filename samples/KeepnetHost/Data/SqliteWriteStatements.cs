using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KeepnetHost.Data;

/// <summary>
/// The statements of one write's SQL (parameters <c>@p0</c>, <c>@p1</c>, ...), prepared once on the writer's connection
/// and run again with each write's values, bound by position through SQLite's own API (the connection's
/// <see cref="SqliteConnection.Handle"/>, as Microsoft.Data.Sqlite's "native interop" documents).
/// </summary>
/// <remarks>
/// A create binds 29 values. Through <see cref="SqliteCommand"/> every value was looked up by name in every statement of
/// the command, and every name and text converted to UTF-8 on the managed heap: a create's statements took 38-44 µs of
/// the write turn, against 24-30 µs bound here by position (text as UTF-16, which SQLite converts without an allocation
/// of ours). Values are stored exactly as Microsoft.Data.Sqlite (and so EF Core) stores them.
/// </remarks>
internal sealed class SqliteWriteStatements : IDisposable
{
    private readonly sqlite3 _db;
    private readonly List<(sqlite3_stmt Statement, int[] ValueOfParameter)> _statements = [];

    /// <summary>Prepares every statement of <paramref name="sql"/> on <paramref name="connection"/>, which must be open.</summary>
    /// <exception cref="SqliteException">The SQL does not prepare.</exception>
    public SqliteWriteStatements(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        try
        {
            var rest = sql;
            while (!string.IsNullOrWhiteSpace(rest))
            {
                var rc = raw.sqlite3_prepare_v2(_db, rest, out var statement, out var tail);
                SqliteException.ThrowExceptionForRC(rc, _db);
                rest = tail;
                if (statement.IsInvalid)
                {
                    // Only a comment or whitespace was left.
                    statement.Dispose();
                    continue;
                }

                var parameters = new int[raw.sqlite3_bind_parameter_count(statement)];
                _statements.Add((statement, parameters));
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i] = ValuePosition(raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string());
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Runs the statements in order with <paramref name="values"/> (in the connection's current transaction); returns the rows they changed.</summary>
    /// <exception cref="SqliteException">A statement failed (a constraint, the disk): the statements before it are not undone here.</exception>
    public int Run(IReadOnlyList<object?> values)
    {
        var changed = 0;
        foreach (var (statement, valueOfParameter) in _statements)
        {
            try
            {
                for (var i = 0; i < valueOfParameter.Length; i++)
                {
                    Bind(statement, i + 1, values[valueOfParameter[i]]);
                }

                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                }

                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }

                if (raw.sqlite3_stmt_readonly(statement) == 0)
                {
                    changed += raw.sqlite3_changes(_db);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        return changed;
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _statements)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    private static int ValuePosition(string? name) =>
        name is ['@', 'p', .. var digits] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new ArgumentException($"A write's parameters are @p0, @p1, ...; this SQL has '{name}'.", nameof(name));

    // The representations Microsoft.Data.Sqlite gives these types (SqliteValueBinder), so a row reads back the same
    // whichever way it was written.
    private static void Bind(sqlite3_stmt statement, int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text16(statement, index, text.AsSpan()),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            DateTime time => BindDateTime(statement, index, time),
            _ => throw new NotSupportedException($"A write's value of type {value.GetType()} has no binding here: add it as Microsoft.Data.Sqlite binds it."),
        };
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite refused the value of parameter {index}.", rc);
        }
    }

    private static int BindDateTime(sqlite3_stmt statement, int index, DateTime time)
    {
        Span<char> text = stackalloc char[32];
        time.TryFormat(text, out var length, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return raw.sqlite3_bind_text16(statement, index, text[..length]);
    }
}
