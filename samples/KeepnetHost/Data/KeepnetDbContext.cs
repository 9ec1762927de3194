using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeepnetHost.Data;

/// <summary>
/// The platform's database: the same model on SQLite and PostgreSQL. Each provider has its own subclass only so that
/// each has its own migrations (Data/Migrations/Sqlite and Data/Migrations/Postgres); the rest of the host uses this type.
/// </summary>
public abstract class KeepnetDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CustomField> CustomFields => Set<CustomField>();

    public DbSet<ScimSetting> ScimSettings => Set<ScimSetting>();

    public DbSet<FieldMapping> FieldMappings => Set<FieldMapping>();

    public DbSet<TargetUser> Users => Set<TargetUser>();

    public DbSet<UserEmail> UserEmails => Set<UserEmail>();

    public DbSet<PlatformGroup> Groups => Set<PlatformGroup>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<HostSecret> HostSecrets => Set<HostSecret>();

    public DbSet<ProvisioningLogPage> ProvisioningLogPages => Set<ProvisioningLogPage>();

    /// <summary>Begins a transaction that writes (on SQLite it first waits its turn: see <see cref="SqliteWriteGate"/>).</summary>
    /// <remarks>
    /// Without EF Core's savepoint around each save in it: no write goes on after a failed save (the store turns the failure
    /// into the request's error and the transaction rolls back), and each save cost a <c>SAVEPOINT</c> and a
    /// <c>RELEASE SAVEPOINT</c>, the latter on PostgreSQL a round trip of its own. Set on every write because a pooled
    /// context is reset to the default.
    /// </remarks>
    public Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        Database.AutoSavepointsEnabled = false;
        return BeginWriteTransactionAsync(cancellationToken);
    }

    /// <summary>The transaction <see cref="BeginWriteAsync"/> begins.</summary>
    protected virtual Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) => Database.BeginTransactionAsync(cancellationToken);

    /// <summary>Runs a write that needs no transaction of its own (one statement) in its turn on SQLite; as is elsewhere.</summary>
    public virtual Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken) => write(cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, ... in the order of <paramref name="values"/>) as a
    /// write of its own, outside any EF Core transaction: all of its statements are stored or none. On PostgreSQL one
    /// command is one implicit transaction and one round trip; SQLite overrides this.
    /// </summary>
    public virtual Task<int> ExecuteAloneAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        this.ExecuteAsync(sql, values, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Company>(e =>
        {
            e.Property(c => c.Id).HasMaxLength(12);
            e.Property(c => c.Name).HasMaxLength(256);
            e.Property(c => c.LicensePolicy).HasConversion<string>().HasMaxLength(16);
            e.HasMany(c => c.CustomFields).WithOne().HasForeignKey(f => f.CompanyId);
            e.HasMany(c => c.ScimSettings).WithOne().HasForeignKey(s => s.CompanyId);
        });
        modelBuilder.Entity<CustomField>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(64);
            e.HasIndex(f => new { f.CompanyId, f.Name }).IsUnique();
        });
        modelBuilder.Entity<ScimSetting>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(30);
            e.HasIndex(s => new { s.CompanyId, s.Name }).IsUnique();
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasMany(s => s.FieldMappings).WithOne().HasForeignKey(m => m.ScimSettingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FieldMapping>(e => e.HasOne(m => m.CustomField).WithMany().HasForeignKey(m => m.CustomFieldId));
        modelBuilder.Entity<TargetUser>(e =>
        {
            e.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.Email).HasMaxLength(320);
            e.Property(u => u.Version).IsConcurrencyToken();
            // Unique among the users that are not Deleted: a deleted user stays for reporting, and Entra may create the name again.
            e.HasIndex(u => new { u.CompanyId, u.UserNameKey }).IsUnique().HasFilter("\"Status\" <> 'Deleted'");
            e.HasIndex(u => new { u.CompanyId, u.ExternalId }).IsUnique().HasFilter("\"Status\" <> 'Deleted' AND \"ExternalId\" IS NOT NULL");
            e.HasIndex(u => new { u.CompanyId, u.Status });
            e.HasMany(u => u.Emails).WithOne().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        // On SQLite the table is WITHOUT ROWID (migration UserEmailsKeyedByPosition): its rows are small and always read by
        // user, so the key's B-tree holds them. EF Core cannot say so: a migration that rebuilds the table must keep it.
        modelBuilder.Entity<UserEmail>(e => e.HasKey(m => new { m.UserId, m.Position }));
        // No index on the plain Value: emails.value is not caseExact, so every filter on it is lower("Value"), which has
        // its own index (CaseInsensitiveLookupIndexes); the plain one was only one more B-tree for every create to write.
        modelBuilder.Entity<PlatformGroup>(e =>
        {
            e.Property(g => g.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(g => g.Version).IsConcurrencyToken();
            // The filter is written as EF Core writes `!g.Deleted`: SQLite uses a partial index only for a query whose WHERE
            // has the same term, so with `"Deleted" = FALSE` every lookup of a group by name scanned the table.
            e.HasIndex(g => new { g.CompanyId, g.Kind, g.NameKey }).IsUnique().HasFilter("NOT (\"Deleted\")");
        });
        // On PostgreSQL the two relationships below have no foreign-key constraints (migration
        // GroupMembersWithoutForeignKeys): each inserted member ran both checks, and each check locked its user's row,
        // half of a 700-member add's time on the server (13 of 26-30 ms, EXPLAIN ANALYZE). Every statement that adds
        // members takes them from the company's live users and holds the group's row (its version moves in the same
        // transaction), users are only ever soft-deleted, and a group's delete removes its members first. SQLite keeps
        // the constraints: its checks take no locks.
        modelBuilder.Entity<GroupMember>(e =>
        {
            e.HasKey(m => new { m.GroupId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.HasOne<PlatformGroup>().WithMany(g => g.Members).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<TargetUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<HostSecret>(e => e.HasKey(s => s.Name));
        modelBuilder.Entity<ProvisioningLogPage>(e => e.HasIndex(p => new { p.SettingId, p.Id }));
    }
}
