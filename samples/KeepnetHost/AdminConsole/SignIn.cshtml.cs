using System.Globalization;
using KeepnetHost.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KeepnetHost.AdminConsole;

public sealed class SignInModel(AdminKey adminKey) : PageModel
{
    [BindProperty]
    public string? ApiKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var check = adminKey.Check(ApiKey, HttpContext.Connection.RemoteIpAddress);
        if (!check.IsRight)
        {
            ApiKey = null;
            if (check.RetryAfterSeconds is not { } wait)
            {
                ModelState.AddModelError(nameof(ApiKey), "This is not the admin key.");
                return Page();
            }

            ModelState.AddModelError(nameof(ApiKey), check.Refusal);
            Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            var refused = Page();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }

        await AdminConsoleSetup.SignInAsync(HttpContext);
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/console/", StringComparison.Ordinal) ? url : "/console/companies");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AdminConsoleSetup.Scheme);
        return Redirect(AdminConsoleSetup.SignInPath);
    }
}
