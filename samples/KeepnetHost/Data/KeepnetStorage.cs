using System.Data.Common;
using KeepnetHost.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KeepnetHost.Data;

/// <summary>
/// Chooses the database (<c>Storage:Provider</c>: <c>Sqlite</c>, the default, or <c>Postgres</c>; <c>ConnectionStrings:Keepnet</c>),
/// creates or migrates the schema at start and, on an empty database, the demo company.
/// </summary>
/// <remarks>Contexts are pooled: a context per request costs dozens of service resolutions that showed in the load test's profile.</remarks>
public static class KeepnetStorage
{
    public static WebApplicationBuilder AddKeepnetStorage(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Storage:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString("Keepnet");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Storage:Provider is Postgres: set ConnectionStrings:Keepnet to a PostgreSQL connection string.");
            }

            builder.Services.AddDbContextPool<KeepnetDbContext, PostgresKeepnetDbContext>(o => o.UseNpgsql(WithPoolDefaults(connectionString)));
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.Combine(builder.Environment.ContentRootPath, "data");
                Directory.CreateDirectory(folder);
                connectionString = $"Data Source={Path.Combine(folder, "keepnet.db")}";
            }

            // Writers wait for each other (busy timeout) instead of failing with "database is locked".
            var sqlite = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true };
            builder.Services.AddDbContextPool<KeepnetDbContext, SqliteKeepnetDbContext>(o => o.UseSqlite(sqlite.ToString()));
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider must be Sqlite or Postgres; it is '{provider}'.");
        }

        return builder;
    }

    /// <summary>
    /// Npgsql settings the host's load test measured, unless the connection string sets them: the host keeps no session
    /// state on a connection, so a connection back in the pool needs no <c>DISCARD ALL</c> (which also dropped every
    /// prepared statement), and its few query shapes are prepared on the server after repeated use.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            npgsql.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            npgsql.MaxAutoPrepare = 20;
        }

        return npgsql.ConnectionString;
    }

    /// <summary>Creates or migrates the schema, and the demo company when there is no company at all.</summary>
    public static async Task InitializeKeepnetStorageAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
        // Creates the schema on an empty database and applies the migrations an older one lacks.
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer, and a crash never leaves a half-written page behind.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Secrets are shown once on the console (never through the logger, so no log sink keeps them); only hashes are stored.
        // The admin key is made whenever none is configured or stored, also on a database that already has companies.
        if (await app.Services.GetRequiredService<AdminKey>().InitializeAsync(db, cancellationToken) is { } adminKey)
        {
            Console.WriteLine();
            Console.WriteLine($"KeepnetHost: made the admin key (header X-Api-Key): {adminKey}");
            Console.WriteLine("  Keep it now: it is not shown again.");
        }

        if (await db.Companies.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = DateTime.UtcNow;
        var company = new Company { Name = "Demo Company", LicenseCount = 100, Created = now };
        var token = SecretTokens.New();
        company.ScimSettings.Add(new ScimSetting { CompanyId = company.Id, Name = "Entra ID", TokenHash = SecretTokens.Hash(token), Created = now });
        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);

        Console.WriteLine();
        Console.WriteLine("KeepnetHost: first start, created the demo company.");
        Console.WriteLine($"  Demo SCIM setting 'Entra ID' of company {company.Id}");
        Console.WriteLine($"  Secret Token for Entra ID:     {token}");
        Console.WriteLine("  Keep it now: it is not shown again (revoke the setting's token to get a new one).");
        Console.WriteLine();
    }
}
