using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KeepnetHost.Data;

/// <summary>The model on SQLite, with its migrations.</summary>
public sealed class SqliteKeepnetDbContext(DbContextOptions<SqliteKeepnetDbContext> options) : KeepnetDbContext(options);

/// <summary>For <c>dotnet ef migrations add X --context SqliteKeepnetDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteKeepnetDbContextFactory : IDesignTimeDbContextFactory<SqliteKeepnetDbContext>
{
    public SqliteKeepnetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKeepnetDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
