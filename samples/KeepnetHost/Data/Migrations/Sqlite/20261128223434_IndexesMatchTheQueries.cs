using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexesMatchTheQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserEmails_Value",
                table: "UserEmails");

            migrationBuilder.DropIndex(
                name: "IX_Groups_CompanyId_Kind_NameKey",
                table: "Groups");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CompanyId_Kind_NameKey",
                table: "Groups",
                columns: new[] { "CompanyId", "Kind", "NameKey" },
                unique: true,
                filter: "NOT (\"Deleted\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Groups_CompanyId_Kind_NameKey",
                table: "Groups");

            migrationBuilder.CreateIndex(
                name: "IX_UserEmails_Value",
                table: "UserEmails",
                column: "Value");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CompanyId_Kind_NameKey",
                table: "Groups",
                columns: new[] { "CompanyId", "Kind", "NameKey" },
                unique: true,
                filter: "\"Deleted\" = FALSE");
        }
    }
}
