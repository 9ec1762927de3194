using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseInsensitiveLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Entra's lookups compare without case (userName eq, emails[type eq "work"].value eq), which the filter
            // translator sends as lower(column) = @value: index that expression, or every lookup scans the company.
            // The same SQL on SQLite and PostgreSQL.
            migrationBuilder.Sql("CREATE INDEX \"IX_Users_CompanyId_lower_UserName\" ON \"Users\" (\"CompanyId\", lower(\"UserName\"));");
            migrationBuilder.Sql("CREATE INDEX \"IX_UserEmails_lower_Value\" ON \"UserEmails\" (lower(\"Value\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_UserEmails_lower_Value\";");
            migrationBuilder.Sql("DROP INDEX \"IX_Users_CompanyId_lower_UserName\";");
        }
    }
}
