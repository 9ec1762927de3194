using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KeepnetHost.AdminConsole;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/console/companies");
}
