using System.Text.Json.Nodes;
using Scim.Core.Paths;
using Scim.Core.Querying;

namespace Scim.Core.Tests.Querying;

public sealed class AttributeValuesTests
{
    private static readonly JsonObject User = JsonNode.Parse("""
        {"userName":"bjensen","active":true,"name":{"givenName":"Barbara"},
         "emails":[{"value":"home@example.com","type":"home"},{"value":"work@example.com","type":"work","primary":true}],
         "addresses":[{"type":"work","country":"UK"},{"type":"home","country":"US"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tours","manager":{"value":"m-1"}}}
        """)!.AsObject();

    [Theory]
    [InlineData("userName", "bjensen")]
    [InlineData("USERNAME", "bjensen")]
    [InlineData("active", "true")]
    [InlineData("name.givenName", "Barbara")]
    [InlineData("emails[type eq \"work\"].value", "work@example.com")]
    [InlineData("emails[primary eq true].value", "work@example.com")]
    [InlineData("emails.value", "home@example.com")]
    [InlineData("addresses[type eq \"work\"].country", "UK")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Tours")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "m-1")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName", "bjensen")]
    [InlineData("addresses[type eq \"other\"].country", null)]
    [InlineData("nickName", null)]
    [InlineData("name", null)]
    public void FirstString_Path_ReadsTheValueItNames(string path, string? expected)
    {
        Assert.Equal(expected, AttributeValues.FirstString(User, AttributePath.Parse(path)));
    }

    [Fact]
    public void Select_MultiValuedSubAttribute_GivesEveryElementsValueInOrder()
    {
        var values = AttributeValues.Select(User, AttributePath.Parse("addresses.country"));

        Assert.Equal(["UK", "US"], values.Select(v => v.GetValue<string>()));
    }
}
