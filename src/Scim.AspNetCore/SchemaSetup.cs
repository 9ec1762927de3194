using Scim.Core.Schema;

namespace Scim.AspNetCore;

/// <summary>The registry changes collected by <see cref="ScimBuilder"/>, applied once when the registry is built.</summary>
internal sealed class SchemaSetup
{
    public List<Action<SchemaRegistry>> Actions { get; } = [];

    public SchemaRegistry Build()
    {
        var registry = SchemaRegistry.CreateDefault();
        foreach (var action in Actions)
        {
            action(registry);
        }

        return registry;
    }
}
