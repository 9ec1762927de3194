using Scim.Core.Querying;
using Scim.Core.Stores;

namespace Scim.Core.Tests.Stores;

public sealed class AttributeSelectionTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "members", false)]
    [InlineData("", "MEMBERS", false)]
    [InlineData("", "members.display", true)]
    [InlineData("", "urn:ietf:params:scim:schemas:core:2.0:Group:members", false)]
    [InlineData("displayName", "", false)]
    [InlineData("displayName,members.value", "", true)]
    [InlineData("members", "", true)]
    public void Shows_Members_FollowsAttributesAndExcludedAttributes(string attributes, string excluded, bool shown)
    {
        var selection = new AttributeSelection(AttributeProjection.ParseList(attributes), AttributeProjection.ParseList(excluded));

        Assert.Equal(shown, selection.Shows("members"));
    }
}
