using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeepnetHost.Data;

/// <summary>The model on SQLite, with its migrations; every write waits its turn in <see cref="SqliteWriteGate"/>.</summary>
public sealed class SqliteKeepnetDbContext(DbContextOptions<SqliteKeepnetDbContext> options) : KeepnetDbContext(options)
{
    protected override async Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken)
    {
        // Opened before the turn, so other writers do not wait while this one opens its connection.
        await Database.OpenConnectionAsync(cancellationToken);
        var turn = await SqliteWriteGate.EnterAsync(Database.GetDbConnection().DataSource, cancellationToken);
        try
        {
            return new GatedTransaction(await Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    public override async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await write(cancellationToken);
        }

        await Database.OpenConnectionAsync(cancellationToken);
        await using var turn = await SqliteWriteGate.EnterAsync(Database.GetDbConnection().DataSource, cancellationToken);
        return await write(cancellationToken);
    }

    /// <summary>In the file's write turn, on the writer's connection: see <see cref="SqliteWriteGate.ExecuteAsync"/>.</summary>
    public override Task<int> ExecuteAloneAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        Database.CurrentTransaction is null
            ? SqliteWriteGate.ExecuteAsync(Database.GetConnectionString()!, sql, values, cancellationToken)
            : throw new InvalidOperationException("A write of its own cannot run inside a transaction.");

    /// <summary>A save outside a write transaction (the admin API's) takes its turn too.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Database.CurrentTransaction is null
            ? WriteAsync(ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
}

/// <summary>For <c>dotnet ef migrations add X --context SqliteKeepnetDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteKeepnetDbContextFactory : IDesignTimeDbContextFactory<SqliteKeepnetDbContext>
{
    public SqliteKeepnetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKeepnetDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
