using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Pidgin;
using Scim.Core.Errors;
using Scim.Core.Paths;

namespace Scim.Core.Filtering.Parsing;

/// <summary>Runs the lexer and the grammar and turns every failure into a SCIM error that names the position.</summary>
internal static class FilterParser
{
    public static bool TryParseFilter(
        string? text, ScimFilterOptions options, [NotNullWhen(true)] out ScimFilter? filter, [NotNullWhen(false)] out ScimError? error)
    {
        var ok = TryParse(text, options, static g => g.Filter, "filter", out filter, out var detail);
        error = ok ? null : ScimError.InvalidFilter(detail!);
        return ok;
    }

    public static bool TryParsePath(
        string? text, ScimFilterOptions options, [NotNullWhen(true)] out AttributePath? path, [NotNullWhen(false)] out ScimError? error)
    {
        var ok = TryParse(text, options, static g => g.PatchPath, "path", out path, out var detail);
        error = ok ? null : ScimError.InvalidPath(detail!);
        return ok;
    }

    private static bool TryParse<T>(
        string? text, ScimFilterOptions options, Func<FilterGrammar, Parser<Token, T>> grammar, string what, [NotNullWhen(true)] out T? result, out string? detail)
        where T : class
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            detail = $"The {what} is empty.";
            return false;
        }

        if (text.Length > options.MaxLength)
        {
            detail = $"The {what} is {text.Length} characters long; the limit is {options.MaxLength}.";
            return false;
        }

        // Every token takes at least one character; most filters need no second buffer.
        var tokens = new TokenBuffer(Math.Min(text.Length, 256));
        try
        {
            if (!FilterLexer.TryTokenize(text, options.MaxDepth, ref tokens, out var lexError, out var lexPosition))
            {
                detail = $"Invalid {what} at position {lexPosition + 1}: {lexError}.";
                return false;
            }

            var parsed = grammar(FilterGrammar.Fast).Parse(tokens.Span, ThreadLocalArrayPoolProvider.Configuration);
            if (parsed.Success)
            {
                result = parsed.Value;
                detail = null;
                return true;
            }

            var explained = grammar(FilterGrammar.Explaining).Parse(tokens.Span, ThreadLocalArrayPoolProvider.Configuration);
            Debug.Assert(!explained.Success, "Both grammars accept the same language.");
            detail = Describe(explained.Error!, tokens.Span, text, what);
            return false;
        }
        finally
        {
            tokens.Dispose();
        }
    }

    private static string Describe(ParseError<Token> error, ReadOnlySpan<Token> tokens, string text, string what)
    {
        var index = error.ErrorOffset;
        var position = index < tokens.Length ? tokens[index].Position + 1 : text.Length + 1;
        if (error.Message is { } message)
        {
            return $"Invalid {what} at position {position}: {message}.";
        }

        var expected = error.Expected
            .Select(static e => e.Label ?? (e.Tokens.IsDefaultOrEmpty ? null : e.Tokens[0].Describe()))
            .Where(static label => label is not null)
            .Distinct()
            .ToList();
        var found = error.Unexpected.HasValue ? error.Unexpected.Value.Describe() : "the end of the input";
        var wanted = expected.Count switch
        {
            0 => "something else",
            1 => expected[0],
            _ => string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1],
        };
        return $"Invalid {what} at position {position}: expected {wanted}, found {found}.";
    }
}
