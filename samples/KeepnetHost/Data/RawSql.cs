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
    public static async Task<int> ExecuteAsync(this KeepnetDbContext db, string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary><c>(@pN, @pN+1, ...)</c>: one row's placeholders, starting at parameter <paramref name="first"/>.</summary>
    public static string Row(int first, int columns) =>
        "(" + string.Join(", ", Enumerable.Range(first, columns).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")";
}
