namespace AtlassianSimulator.Cql;

/// <summary>
/// Recursive-descent parser:
/// query := or [ORDER BY field [ASC|DESC] {, field [ASC|DESC]}];
/// or := and {OR and}; and := unary {AND unary}; unary := NOT unary | "(" or ")" | clause;
/// clause := field op value | field [NOT] IN "(" value {, value} ")".
/// </summary>
public sealed class CqlParser
{
    private readonly List<Token> _tokens;
    private int _index;

    private CqlParser(string cql) => _tokens = CqlTokenizer.Tokenize(cql);

    public static CqlQuery Parse(string cql)
    {
        var parser = new CqlParser(cql);
        var where = parser.IsKeyword("ORDER") ? null : parser.ParseOr();
        var order = parser.ParseOrderBy();
        parser.Expect(TokenKind.End, "end of query");
        return new CqlQuery(where, order);
    }

    private Token Current => _tokens[_index];

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Word && Current.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new CqlException($"Expected {what} at position {Current.Position} but found '{Current.Text}'");
        }
        return _tokens[_index++];
    }

    private void ExpectKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            throw new CqlException($"Expected {keyword} at position {Current.Position} but found '{Current.Text}'");
        }
        _index++;
    }

    private CqlExpression ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("OR"))
        {
            _index++;
            left = new CqlOr(left, ParseAnd());
        }
        return left;
    }

    private CqlExpression ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword("AND"))
        {
            _index++;
            left = new CqlAnd(left, ParseUnary());
        }
        return left;
    }

    private CqlExpression ParseUnary()
    {
        if (IsKeyword("NOT"))
        {
            _index++;
            return new CqlNot(ParseUnary());
        }
        if (Current.Kind == TokenKind.LeftParen)
        {
            _index++;
            var inner = ParseOr();
            Expect(TokenKind.RightParen, "')'");
            return inner;
        }
        return ParseClause();
    }

    private CqlClause ParseClause()
    {
        var field = Expect(TokenKind.Word, "a field name").Text;
        if (IsKeyword("IN") || IsKeyword("NOT"))
        {
            var negated = IsKeyword("NOT");
            if (negated)
            {
                _index++;
            }
            ExpectKeyword("IN");
            Expect(TokenKind.LeftParen, "'('");
            var values = new List<CqlValue> { ParseValue() };
            while (Current.Kind == TokenKind.Comma)
            {
                _index++;
                values.Add(ParseValue());
            }
            Expect(TokenKind.RightParen, "')'");
            return new CqlClause(field, negated ? "NOT IN" : "IN", values);
        }
        var op = Expect(TokenKind.Operator, "an operator").Text;
        return new CqlClause(field, op, [ParseValue()]);
    }

    private CqlValue ParseValue()
    {
        if (Current.Kind == TokenKind.Quoted)
        {
            return new CqlValue(_tokens[_index++].Text);
        }
        var word = Expect(TokenKind.Word, "a value").Text;
        if (Current.Kind != TokenKind.LeftParen)
        {
            return new CqlValue(word);
        }
        _index++;
        var argument = Current.Kind is TokenKind.Quoted or TokenKind.Word ? _tokens[_index++].Text : "";
        Expect(TokenKind.RightParen, "')'");
        return new CqlValue(argument, word);
    }

    private List<CqlOrder> ParseOrderBy()
    {
        var order = new List<CqlOrder>();
        if (!IsKeyword("ORDER"))
        {
            return order;
        }
        _index++;
        ExpectKeyword("BY");
        do
        {
            if (Current.Kind == TokenKind.Comma)
            {
                _index++;
            }
            var field = Expect(TokenKind.Word, "a field to order by").Text;
            var descending = false;
            if (IsKeyword("DESC") || IsKeyword("ASC"))
            {
                descending = IsKeyword("DESC");
                _index++;
            }
            order.Add(new CqlOrder(field, descending));
        }
        while (Current.Kind == TokenKind.Comma);
        return order;
    }
}
