using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserNameFilterOnKeyColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // userName filters compare the unique key column (UserNameKey, upper-cased by .NET), which its unique index
            // serves; the lower("UserName") index was one more B-tree for every create and rename to write.
            migrationBuilder.Sql("DROP INDEX \"IX_Users_CompanyId_lower_UserName\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX \"IX_Users_CompanyId_lower_UserName\" ON \"Users\" (\"CompanyId\", lower(\"UserName\"));");
        }
    }
}
