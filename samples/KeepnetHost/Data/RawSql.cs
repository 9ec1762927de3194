using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeepnetHost.Data;

/// <summary>Plain parameterised SQL for the hottest writes, past EF Core's change tracker and update pipeline.</summary>
internal static class RawSql
{
    /// <summary>
    /// Runs <paramref name="sql"/>, whose parameters are <c>@p0</c>, <c>@p1</c>, ... in the order of
    /// <paramref name="values"/>, in the context's current transaction if there is one. The values are those EF Core
    /// would store: enums by name, times in UTC.
    /// </summary>
    public static Task<int> ExecuteAsync(this KeepnetDbContext db, string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        RunAsync(db, sql, values, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> as <see cref="ExecuteAsync"/> does, and says whether its first statement (one with
    /// <c>RETURNING</c>) returned a row; the statements after it run either way.
    /// </summary>
    public static Task<bool> ExecuteReturningAsync(this KeepnetDbContext db, string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        RunAsync(db, sql, values, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var returned = await reader.ReadAsync(cancellationToken);
            while (await reader.NextResultAsync(cancellationToken))
            {
            }

            return returned;
        }, cancellationToken);

    /// <summary>Runs <paramref name="run"/> on a bound command in the context's current transaction, its connection open meanwhile.</summary>
    private static async Task<T> RunAsync<T>(KeepnetDbContext db, string sql, IReadOnlyList<object?> values, Func<DbCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, sql, values);
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary><c>(@pN, @pN+1, ...)</c>: one row's placeholders, starting at parameter <paramref name="first"/>.</summary>
    public static string Row(int first, int columns) =>
        "(" + string.Join(", ", Enumerable.Range(first, columns).Select(ParameterName)) + ")";

    private static DbCommand Command(KeepnetDbContext db, string sql, IReadOnlyList<object?> values)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = ParameterName(i);
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    // A user's write binds up to 29 parameters: their names are made once, not on every command.
    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 64).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))];

    private static string ParameterName(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : "@p" + index.ToString(CultureInfo.InvariantCulture);
}
