using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GroupMembersWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: the model keeps both relationships (EF Core has no relationship without a constraint), and
            // KeepnetDbContext says why PostgreSQL's database does not.
            migrationBuilder.DropForeignKey(name: "FK_GroupMembers_Groups_GroupId", table: "GroupMembers");
            migrationBuilder.DropForeignKey(name: "FK_GroupMembers_Users_UserId", table: "GroupMembers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_GroupMembers_Groups_GroupId", table: "GroupMembers", column: "GroupId",
                principalTable: "Groups", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(
                name: "FK_GroupMembers_Users_UserId", table: "GroupMembers", column: "UserId",
                principalTable: "Users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        }
    }
}
