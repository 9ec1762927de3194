namespace KeepnetHost.Data;

/// <summary>How a platform group came to be.</summary>
public enum GroupKind
{
    /// <summary>Made by a setting's grouping criterion: one group per value (<c>UK</c>).</summary>
    Rule,

    /// <summary>A setting's Group Name: every user of the setting (or those with no grouping value).</summary>
    Target,

    /// <summary>A group the identity provider manages through SCIM <c>/Groups</c>.</summary>
    Idp,
}
