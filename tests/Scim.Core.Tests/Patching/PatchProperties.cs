using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Tests.Generated;
using Scim.Testing;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// FsCheck properties of the PATCH engine over generated requests (<see cref="ScimArbitraries"/>): a valid request
/// leaves a schema-valid user; a request with a bad operation, or a mutated one (for a user or a group) that fails,
/// throws only a 4xx ScimException and leaves the resource byte-identical. The engine runs with the validator as its finaliser, as the
/// endpoints run it, and without, as a library caller may.
/// </summary>
[Trait("Category", "Generated")]
public class PatchProperties
{
    private static readonly ScimResource StartUser = Normalised(User());
    private static readonly ScimResource StartGroup = Normalised(Group());
    private static readonly PatchEngine Engine = new(Registry);
    private static readonly PatchEngine Validating = new(Registry, finalise: Validator.ValidateForReplace);

    [GeneratedProperty(500)]
    public void Apply_GeneratedPatch_LeavesAValidUserOrFailsChangingNothing(GeneratedPatch patch)
    {
        GeneratedCases.WithinBound(() =>
        {
            var user = StartUser.Clone();
            var before = user.ToString();
            var request = PatchRequest.Parse(patch.Body);

            if (patch.BadAt >= 0)
            {
                var error = Assert.Throws<ScimException>(() => Engine.Apply(user, request));
                Assert.Equal(patch.ScimType, error.ScimType.ToString());
                Assert.StartsWith($"Operation {patch.BadAt} (", error.Detail, StringComparison.Ordinal);
            }
            else
            {
                AssertValid(Engine.Apply(user, request), before, patch.Body);
            }

            Assert.Equal(before, user.ToString());
        });
    }

    [GeneratedProperty(2_000)]
    public void Apply_MutatedPatch_ThrowsOnlyA4xxScimExceptionAndFailuresChangeNothing(MutatedPatch patch)
    {
        GeneratedCases.WithinBound(() =>
        {
            PatchRequest request;
            try
            {
                request = PatchRequest.Parse(patch.Body);
            }
            catch (ScimException e)
            {
                Assert.InRange(e.Status, 400, 499);
                return;
            }

            foreach (var engine in new[] { Engine, Validating })
            {
                var resource = (patch.Group ? StartGroup : StartUser).Clone();
                var before = resource.ToString();
                try
                {
                    var result = engine.Apply(resource, request);
                    if (engine == Validating)
                    {
                        AssertValid(result, before, patch.Body);
                    }
                }
                catch (ScimException e)
                {
                    Assert.InRange(e.Status, 400, 499);
                }

                Assert.Equal(before, resource.ToString());
            }
        });
    }
}
