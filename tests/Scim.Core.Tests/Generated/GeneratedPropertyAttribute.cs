using FsCheck.Xunit;
using Scim.Testing;

namespace Scim.Core.Tests.Generated;

/// <summary>
/// An FsCheck property over <see cref="ScimArbitraries"/> whose test count and start seed follow
/// <see cref="GeneratedCases"/>: <paramref name="ciCases"/> cases times <c>SCIM_GENERATED_SCALE</c>, replaying from
/// <c>SCIM_GENERATED_SEED</c>, so CI is repeatable and a long local run explores more. FsCheck prints the seed of a
/// failing run, and <c>Ok, passed N tests</c> to the test output.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GeneratedPropertyAttribute : PropertyAttribute
{
    // SplitMix needs an odd gamma; any fixed one makes the run a function of the seed alone.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public GeneratedPropertyAttribute(int ciCases)
    {
        MaxTest = GeneratedCases.Count(ciCases);
        Replay = $"{(ulong)GeneratedCases.FirstSeed},{Gamma}";
        Arbitrary = [typeof(ScimArbitraries)];
    }
}
