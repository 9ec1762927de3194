using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Schema;

namespace Scim.Core.Serialization;

/// <summary>The RFC 7644 §3.12 error body: <c>schemas</c>, <c>status</c> (a string), <c>scimType</c> and <c>detail</c>.</summary>
public static class ErrorDocument
{
    /// <summary>Writes an error as its response body; an absent <c>scimType</c> is left out, not written as null.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The JSON body.</returns>
    public static JsonObject ToJson(ScimError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaUrns.Error),
            ["status"] = error.Status.ToString(CultureInfo.InvariantCulture),
        };
        if (error.ScimType is { } type)
        {
            json["scimType"] = type.ToWireName();
        }

        json["detail"] = error.Detail;
        return json;
    }
}
