namespace Scim.Core.Querying.Linq;

/// <summary>
/// How a translated filter or sort makes string comparisons ignore case, for attributes that are not <c>caseExact</c>
/// (RFC 7643 §2.4). Case-exact attributes always compare as written.
/// </summary>
public enum CaseInsensitiveStrategy
{
    /// <summary>
    /// Lower-case both sides: <c>x.UserName.ToLower() == "bjensen"</c>, which EF Core sends as
    /// <c>lower(UserName) = @p</c>. Right on any database; an index on the column serves it only as an expression index
    /// on <c>lower(column)</c>.
    /// </summary>
    ToLower,

    /// <summary>Upper-case both sides: <c>x.UserName.ToUpper() == "BJENSEN"</c>, as <see cref="ToLower"/> otherwise.</summary>
    ToUpper,

    /// <summary>
    /// Compare as written (<c>x.UserName == "bjensen"</c>) and let the column's collation ignore case: the SQL Server and
    /// MySQL defaults, PostgreSQL <c>citext</c> or a nondeterministic collation, SQLite <c>COLLATE NOCASE</c>. Plain indexes
    /// serve it. With a case-sensitive collation (or LINQ to objects) comparisons become case-sensitive.
    /// </summary>
    Collation,
}
