namespace AtlassianSimulator.Cql;

public enum TokenKind { Word, Quoted, Operator, LeftParen, RightParen, Comma, End }

public readonly record struct Token(TokenKind Kind, string Text, int Position);

/// <summary>A CQL query: a condition (null for an ORDER BY-only query) and the sort keys.</summary>
public sealed record CqlQuery(CqlExpression? Where, IReadOnlyList<CqlOrder> OrderBy);

public sealed record CqlOrder(string Field, bool Descending);

public abstract record CqlExpression;

public sealed record CqlAnd(CqlExpression Left, CqlExpression Right) : CqlExpression;

public sealed record CqlOr(CqlExpression Left, CqlExpression Right) : CqlExpression;

public sealed record CqlNot(CqlExpression Inner) : CqlExpression;

/// <summary>field op value(s); op is one of = != ~ !~ &gt; &gt;= &lt; &lt;= IN "NOT IN".</summary>
public sealed record CqlClause(string Field, string Operator, IReadOnlyList<CqlValue> Values) : CqlExpression;

/// <summary>A literal, or a function call such as now("-7d") or currentUser().</summary>
public sealed record CqlValue(string Text, string? Function = null);

public sealed class CqlException(string message) : Exception(message);
