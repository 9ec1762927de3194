using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KeepnetHost.Data;

/// <summary>The model on PostgreSQL, with its migrations.</summary>
public sealed class PostgresKeepnetDbContext(DbContextOptions<PostgresKeepnetDbContext> options) : KeepnetDbContext(options);

/// <summary>For <c>dotnet ef migrations add X --context PostgresKeepnetDbContext --output-dir Data/Migrations/Postgres</c> (no server needed).</summary>
internal sealed class PostgresKeepnetDbContextFactory : IDesignTimeDbContextFactory<PostgresKeepnetDbContext>
{
    public PostgresKeepnetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKeepnetDbContext>().UseNpgsql("Host=localhost;Database=keepnet_design").Options);
}
