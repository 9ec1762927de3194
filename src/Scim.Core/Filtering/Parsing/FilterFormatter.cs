using System.Text;
using Scim.Core.Paths;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// Prints filters and paths as canonical SCIM text: lower-case operators, single spaces, JSON string escapes, and
/// parentheses only where precedence needs them, so that <c>Parse(f.ToString())</c> equals <c>f</c>.
/// </summary>
internal static class FilterFormatter
{
    public static string Format(ScimFilter filter)
    {
        var builder = new StringBuilder();
        Append(builder, filter);
        return builder.ToString();
    }

    public static void AppendPath(StringBuilder builder, AttributePath path)
    {
        if (path.SchemaUrn is not null)
        {
            builder.Append(path.SchemaUrn).Append(':');
        }

        builder.Append(path.AttributeName);
        if (path.ValueFilter is not null)
        {
            builder.Append('[');
            Append(builder, path.ValueFilter);
            builder.Append(']');
        }

        if (path.SubAttributeName is not null)
        {
            builder.Append('.').Append(path.SubAttributeName);
        }
    }

    public static string QuoteJsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        AppendJsonString(builder, text);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ScimFilter filter)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                AppendPath(builder, comparison.Attribute);
                builder.Append(' ').Append(OperatorText(comparison.Operator)).Append(' ');
                AppendValue(builder, comparison.Value);
                break;
            case PresentFilter present:
                AppendPath(builder, present.Attribute);
                builder.Append(" pr");
                break;
            case NotFilter not:
                builder.Append("not (");
                Append(builder, not.Operand);
                builder.Append(')');
                break;
            case ValuePathFilter valuePath:
                AppendPath(builder, valuePath.Attribute);
                builder.Append('[');
                Append(builder, valuePath.Filter);
                builder.Append(']');
                break;
            case LogicalFilter logical:
                var isAnd = logical is AndFilter;
                for (var i = 0; i < logical.Operands.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(isAnd ? " and " : " or ");
                    }

                    // An operand of the same kind would be flattened; 'or' inside 'and' needs parentheses.
                    var operand = logical.Operands[i];
                    var parenthesize = operand is LogicalFilter && (isAnd || operand is OrFilter);
                    if (parenthesize)
                    {
                        builder.Append('(');
                    }

                    Append(builder, operand);
                    if (parenthesize)
                    {
                        builder.Append(')');
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType(), "Unknown filter node.");
        }
    }

    private static void AppendValue(StringBuilder builder, ComparisonValue value)
    {
        if (value.Kind == ComparisonValueKind.String)
        {
            AppendJsonString(builder, value.Text ?? string.Empty);
        }
        else
        {
            builder.Append(value.ToString());
        }
    }

    private static void AppendJsonString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    // Control characters and unpaired surrogates are escaped so the text stays valid everywhere.
                    var unpaired = char.IsHighSurrogate(c)
                        ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
                    if (c < ' ' || unpaired)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.Contains => "co",
        ComparisonOperator.StartsWith => "sw",
        ComparisonOperator.EndsWith => "ew",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterThanOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        _ => "le",
    };
}
