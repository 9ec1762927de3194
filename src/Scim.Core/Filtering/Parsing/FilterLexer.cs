using System.Buffers;
using System.Globalization;
using System.Text;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// Splits filter text into tokens by hand (spans, no regex, no allocation but for escaped strings), so the Pidgin
/// grammar runs over a few tokens instead of many characters. It also enforces the nesting limit, which keeps
/// the recursive grammar far from the end of the stack.
/// </summary>
internal static class FilterLexer
{
    private static readonly SearchValues<char> WordChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:$");

    private static readonly SearchValues<char> StringSpecials =
        SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Lexes <paramref name="text"/> into <paramref name="tokens"/>; on failure returns the message and 0-based position.</summary>
    public static bool TryTokenize(string text, int maxDepth, ref TokenBuffer tokens, out string? error, out int errorPosition)
    {
        var depth = 0;
        var brackets = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    i++;
                    continue;
                case '(' or '[':
                    if (c == '[' && brackets++ > 0)
                    {
                        return Fail("Value filters cannot be nested inside a value filter", i, out error, out errorPosition);
                    }

                    if (++depth > maxDepth)
                    {
                        return Fail($"Nesting is deeper than the limit of {maxDepth}", i, out error, out errorPosition);
                    }

                    tokens.Add(new Token(c == '(' ? TokenKind.LeftParen : TokenKind.LeftBracket, Keyword.None, i, 1, text.AsMemory(i, 1)));
                    i++;
                    continue;
                case ')' or ']':
                    depth--;
                    if (c == ']')
                    {
                        brackets--;
                    }

                    tokens.Add(new Token(c == ')' ? TokenKind.RightParen : TokenKind.RightBracket, Keyword.None, i, 1, text.AsMemory(i, 1)));
                    i++;
                    continue;
                case '"':
                    if (!TryLexString(text, ref i, ref tokens, out error, out errorPosition))
                    {
                        return false;
                    }

                    continue;
                case '-' or (>= '0' and <= '9'):
                    if (!TryLexNumber(text, ref i, ref tokens, out error, out errorPosition))
                    {
                        return false;
                    }

                    continue;
                default:
                    if (IsWordChar(c))
                    {
                        if (!TryLexWord(text, ref i, ref tokens, out error, out errorPosition))
                        {
                            return false;
                        }

                        continue;
                    }

                    var hint = c == '\'' ? " (strings are written in double quotes)" : string.Empty;
                    return Fail($"Unexpected character {DescribeChar(c)}{hint}", i, out error, out errorPosition);
            }
        }

        error = null;
        errorPosition = 0;
        return true;
    }

    private static bool TryLexWord(string text, ref int i, ref TokenBuffer tokens, out string? error, out int errorPosition)
    {
        var start = i;
        var length = text.AsSpan(i).IndexOfAnyExcept(WordChars);
        i = length < 0 ? text.Length : i + length;

        var word = text.AsSpan(start, i - start);
        var keyword = ClassifyKeyword(word);
        var afterBracket = tokens.Count > 0 && tokens[^1].Kind == TokenKind.RightBracket && tokens[^1].Position == start - 1;

        // A keyword is a valid attribute name already; only other words need checking.
        var problem = keyword != Keyword.None ? null
            : word[0] == '.' && afterBracket
                ? (AttributePathSyntax.IsAttributeName(word[1..]) ? null : "a sub-attribute name is expected after '.'")
                : AttributePathSyntax.Validate(word);
        if (problem is not null)
        {
            return Fail($"Invalid attribute path '{word}': {problem}", start, out error, out errorPosition);
        }

        var next = i;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r' or '\n')
        {
            next++;
        }

        if (next < text.Length && text[next] == '[' && word[(word.LastIndexOf(':') + 1)..].Contains('.'))
        {
            return Fail("A value filter applies to a complex attribute, not to a sub-attribute", next, out error, out errorPosition);
        }

        if (keyword is Keyword.True or Keyword.False or Keyword.Null && ValueProblem(ref tokens, TokenKind.Word) is { } literalProblem)
        {
            return Fail(literalProblem, start, out error, out errorPosition);
        }

        if (keyword == Keyword.Not && (next >= text.Length || text[next] != '('))
        {
            // 'not' is the operator only before '('; otherwise it is an attribute named "not".
            keyword = Keyword.None;
        }

        tokens.Add(new Token(TokenKind.Word, keyword, start, word.Length, text.AsMemory(start, word.Length)));
        error = null;
        errorPosition = 0;
        return true;
    }

    private static bool TryLexNumber(string text, ref int i, ref TokenBuffer tokens, out string? error, out int errorPosition)
    {
        // JSON number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (!SkipDigits(text, ref i))
        {
            return Fail("Invalid number: a digit is expected", i, out error, out errorPosition);
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return Fail("Invalid number: a digit is expected after '.'", i, out error, out errorPosition);
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!SkipDigits(text, ref i))
            {
                return Fail("Invalid number: a digit is expected in the exponent", i, out error, out errorPosition);
            }
        }

        if (i < text.Length && (IsWordChar(text[i]) || text[i] == '"'))
        {
            return Fail("Invalid number: a space, ')' or ']' is expected after a number", i, out error, out errorPosition);
        }

        var number = text.AsMemory(start, i - start);
        if (!decimal.TryParse(number.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return Fail($"The number {number} is out of range", start, out error, out errorPosition);
        }

        if (ValueProblem(ref tokens, TokenKind.Number) is { } problem)
        {
            return Fail(problem, start, out error, out errorPosition);
        }

        tokens.Add(new Token(TokenKind.Number, Keyword.None, start, number.Length, number));
        error = null;
        errorPosition = 0;
        return true;
    }

    private static bool SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }

    private static bool TryLexString(string text, ref int i, ref TokenBuffer tokens, out string? error, out int errorPosition)
    {
        var start = i;
        var contentStart = ++i;
        StringBuilder? unescaped = null;
        var runStart = contentStart;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                ReadOnlyMemory<char> content;
                if (unescaped is null)
                {
                    content = text.AsMemory(contentStart, i - contentStart);
                }
                else
                {
                    unescaped.Append(text, runStart, i - runStart);
                    content = unescaped.ToString().AsMemory();
                }

                i++;
                tokens.Add(new Token(TokenKind.String, Keyword.None, start, i - start, content));
                error = null;
                errorPosition = 0;
                return true;
            }

            if (c < ' ')
            {
                return Fail($"Unescaped control character {DescribeChar(c)} in a string", i, out error, out errorPosition);
            }

            if (c != '\\')
            {
                // Jump to the next quote, backslash or control character.
                var plain = text.AsSpan(i + 1).IndexOfAny(StringSpecials);
                i = plain < 0 ? text.Length : i + 1 + plain;
                continue;
            }

            unescaped ??= new StringBuilder(i - contentStart + 16);
            unescaped.Append(text, runStart, i - runStart);
            if (i + 1 >= text.Length)
            {
                break;
            }

            var escape = text[i + 1];
            char decoded;
            switch (escape)
            {
                case '"' or '\\' or '/':
                    decoded = escape;
                    break;
                case 'b': decoded = '\b'; break;
                case 'f': decoded = '\f'; break;
                case 'n': decoded = '\n'; break;
                case 'r': decoded = '\r'; break;
                case 't': decoded = '\t'; break;
                case 'u':
                    if (i + 6 > text.Length
                        || !ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return Fail("Invalid \\u escape: four hexadecimal digits are expected", i, out error, out errorPosition);
                    }

                    unescaped.Append((char)code);
                    i += 6;
                    runStart = i;
                    continue;
                default:
                    return Fail($"Invalid escape '\\{escape}' in a string", i, out error, out errorPosition);
            }

            unescaped.Append(decoded);
            i += 2;
            runStart = i;
        }

        return Fail("Unterminated string: the closing '\"' is missing", start, out error, out errorPosition);
    }

    /// <summary>
    /// What is wrong with a number or literal right after the operator before it: booleans and null compare only with
    /// eq and ne, and co, sw and ew match strings. A word before a value can only be its operator.
    /// </summary>
    private static string? ValueProblem(ref TokenBuffer tokens, TokenKind value)
    {
        if (tokens.Count == 0 || tokens[^1] is not { Kind: TokenKind.Word, IsComparisonOperator: true } previous)
        {
            return null;
        }

        return previous.Keyword switch
        {
            Keyword.Co or Keyword.Sw or Keyword.Ew => $"'{previous.Text}' matches strings, and this value is not a string",
            Keyword.Gt or Keyword.Ge or Keyword.Lt or Keyword.Le when value == TokenKind.Word =>
                $"'{previous.Text}' compares strings, numbers and dates, not booleans or null",
            _ => null,
        };
    }

    private static Keyword ClassifyKeyword(ReadOnlySpan<char> word)
    {
        // Words hold only [A-Za-z0-9_.:$-]; OR-ing 0x20 lower-cases letters and maps no other of them onto a letter.
        switch (word.Length)
        {
            case 2:
                return (((word[0] | 0x20) << 8) | (word[1] | 0x20)) switch
                {
                    ('e' << 8) | 'q' => Keyword.Eq,
                    ('n' << 8) | 'e' => Keyword.Ne,
                    ('c' << 8) | 'o' => Keyword.Co,
                    ('s' << 8) | 'w' => Keyword.Sw,
                    ('e' << 8) | 'w' => Keyword.Ew,
                    ('g' << 8) | 't' => Keyword.Gt,
                    ('g' << 8) | 'e' => Keyword.Ge,
                    ('l' << 8) | 't' => Keyword.Lt,
                    ('l' << 8) | 'e' => Keyword.Le,
                    ('p' << 8) | 'r' => Keyword.Pr,
                    ('o' << 8) | 'r' => Keyword.Or,
                    _ => Keyword.None,
                };
            case 3:
                return word.Equals("and", StringComparison.OrdinalIgnoreCase) ? Keyword.And
                    : word.Equals("not", StringComparison.OrdinalIgnoreCase) ? Keyword.Not
                    : Keyword.None;
            case 4:
                return word.Equals("true", StringComparison.OrdinalIgnoreCase) ? Keyword.True
                    : word.Equals("null", StringComparison.OrdinalIgnoreCase) ? Keyword.Null
                    : Keyword.None;
            case 5:
                return word.Equals("false", StringComparison.OrdinalIgnoreCase) ? Keyword.False : Keyword.None;
            default:
                return Keyword.None;
        }
    }

    private static bool IsWordChar(char c) => WordChars.Contains(c);

    private static string DescribeChar(char c) =>
        c < ' ' || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static bool Fail(string message, int position, out string? error, out int errorPosition)
    {
        error = message;
        errorPosition = position;
        return false;
    }
}
