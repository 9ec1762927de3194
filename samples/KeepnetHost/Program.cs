// Placeholder until the KeepnetHost issue: a web app that answers on http://localhost:5000.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "KeepnetHost: the SCIM endpoint arrives with the KeepnetHost issue.");

app.Run();
