using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropUnusedEmailValueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserEmails_Value",
                table: "UserEmails");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UserEmails_Value",
                table: "UserEmails",
                column: "Value");
        }
    }
}
