using System.Text;

namespace AtlassianSimulator.Cql;

/// <summary>Splits CQL into words, quoted strings, operators, parentheses and commas.</summary>
public static class CqlTokenizer
{
    public static List<Token> Tokenize(string cql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < cql.Length)
        {
            var c = cql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.LeftParen : c == ')' ? TokenKind.RightParen : TokenKind.Comma, c.ToString(), i));
                i++;
            }
            else if (c is '"' or '\'')
            {
                tokens.Add(ReadString(cql, ref i));
            }
            else if (c is '=' or '~' or '!' or '<' or '>')
            {
                var start = i;
                i++;
                if (i < cql.Length && (cql[i] == '=' || (c == '!' && cql[i] == '~')))
                {
                    i++;
                }
                var op = cql[start..i];
                if (op == "!")
                {
                    throw new CqlException($"Unexpected '!' at position {start}");
                }
                tokens.Add(new Token(TokenKind.Operator, op, start));
            }
            else
            {
                var start = i;
                while (i < cql.Length && !char.IsWhiteSpace(cql[i]) && cql[i] is not ('(' or ')' or ',' or '"' or '\'' or '=' or '~' or '!' or '<' or '>'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Word, cql[start..i], start));
            }
        }
        tokens.Add(new Token(TokenKind.End, "", cql.Length));
        return tokens;
    }

    private static Token ReadString(string cql, ref int i)
    {
        var quote = cql[i];
        var start = i++;
        var text = new StringBuilder();
        while (i < cql.Length && cql[i] != quote)
        {
            if (cql[i] == '\\' && i + 1 < cql.Length)
            {
                i++;
            }
            text.Append(cql[i++]);
        }
        if (i >= cql.Length)
        {
            throw new CqlException($"Unterminated string starting at position {start}");
        }
        i++;
        return new Token(TokenKind.Quoted, text.ToString(), start);
    }
}
