using Xunit.Sdk;

namespace KeepnetHost.Tests.Hosting;

/// <summary>
/// A scenario written once and run on every database: in a class of <see cref="Infrastructure.PostgresCollection"/> it is
/// skipped like <see cref="Infrastructure.PostgresFactAttribute"/> where PostgreSQL is missing (never on CI).
/// </summary>
[XunitTestCaseDiscoverer("KeepnetHost.Tests.Hosting.HostFactDiscoverer", "KeepnetHost.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class HostFactAttribute : FactAttribute;
