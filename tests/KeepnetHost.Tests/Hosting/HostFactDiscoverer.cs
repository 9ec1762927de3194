using KeepnetHost.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KeepnetHost.Tests.Hosting;

/// <summary>Skips a <see cref="HostFactAttribute"/> scenario of a PostgreSQL class when <see cref="PostgresServer.SkipReason"/> says so.</summary>
public sealed class HostFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var onPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(CollectionAttribute))
            .Any(c => c.GetConstructorArguments().FirstOrDefault() as string == PostgresCollection.Name);
        return onPostgres && PostgresServer.SkipReason is { } reason
            ? new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
