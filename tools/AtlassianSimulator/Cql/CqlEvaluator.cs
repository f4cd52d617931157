using System.Globalization;
using System.Text.RegularExpressions;
using AtlassianSimulator.Model;

namespace AtlassianSimulator.Cql;

/// <summary>
/// Evaluates a parsed CQL query against content of one site. Supported fields: type, space (space.key), title, text,
/// label, ancestor, parent, id, creator, lastmodified, created. Unknown fields and operators are a 400.
/// </summary>
public sealed partial class CqlEvaluator(Site site, string currentAccountId, DateTimeOffset now)
{
    public IEnumerable<Content> Run(CqlQuery query, IEnumerable<Content> candidates)
    {
        var predicate = query.Where is null ? (_ => true) : Compile(query.Where);
        var matches = candidates.Where(predicate);
        if (query.OrderBy.Count == 0)
        {
            return matches.OrderBy(c => c.Id);
        }
        IOrderedEnumerable<Content>? ordered = null;
        foreach (var order in query.OrderBy)
        {
            Func<Content, IComparable> key = Field(order.Field) switch
            {
                "title" => c => c.Title,
                "created" => c => c.CreatedAt,
                "lastmodified" => c => c.Current.CreatedAt,
                "id" => c => c.Id,
                "type" => c => c.Type.ToString(),
                _ => throw new CqlException($"Cannot order by '{order.Field}'"),
            };
            ordered = ordered is null
                ? (order.Descending ? matches.OrderByDescending(key) : matches.OrderBy(key))
                : (order.Descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
        }
        return ordered!.ThenBy(c => c.Id);
    }

    private Func<Content, bool> Compile(CqlExpression expression) => expression switch
    {
        CqlAnd and => Both(Compile(and.Left), Compile(and.Right)),
        CqlOr or => Either(Compile(or.Left), Compile(or.Right)),
        CqlNot not => Negate(Compile(not.Inner)),
        CqlClause clause => CompileClause(clause),
        _ => throw new CqlException("Unsupported expression"),
    };

    private static Func<Content, bool> Both(Func<Content, bool> a, Func<Content, bool> b) => c => a(c) && b(c);

    private static Func<Content, bool> Either(Func<Content, bool> a, Func<Content, bool> b) => c => a(c) || b(c);

    private static Func<Content, bool> Negate(Func<Content, bool> a) => c => !a(c);

    private static string Field(string field) => field.ToLowerInvariant() switch
    {
        "space.key" => "space",
        "lastmodified" or "lastmodifieddate" => "lastmodified",
        "created" or "createddate" => "created",
        var f => f,
    };

    private Func<Content, bool> CompileClause(CqlClause clause)
    {
        var field = Field(clause.Field);
        return field switch
        {
            "type" => Equality(clause, c => [TypeName(c.Type)]),
            "space" => Equality(clause, c => [site.Content.Spaces.TryGetValue(c.SpaceId, out var s) ? s.Key : ""]),
            "id" => Equality(clause, c => [c.Id.ToString(CultureInfo.InvariantCulture)]),
            "label" => Equality(clause, c => c.Labels.Select(l => l.Name)),
            "creator" => Equality(clause, c => [c.AuthorId]),
            "parent" => Equality(clause, c => c.ParentId is { } p ? [p.ToString(CultureInfo.InvariantCulture)] : []),
            "ancestor" => Equality(clause, c => AncestorIds(c).Select(a => a.ToString(CultureInfo.InvariantCulture))),
            "title" => clause.Operator is "~" or "!~" ? Contains(clause, c => c.Title) : Equality(clause, c => [c.Title]),
            "text" => Contains(clause, c => c.Title + " " + c.Current.PlainText),
            "created" => DateCompare(clause, c => c.CreatedAt),
            "lastmodified" => DateCompare(clause, c => c.Current.CreatedAt),
            _ => throw new CqlException($"Unsupported CQL field '{clause.Field}'"),
        };
    }

    private Func<Content, bool> Equality(CqlClause clause, Func<Content, IEnumerable<string>> values)
    {
        var wanted = clause.Values.Select(Resolve).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return clause.Operator switch
        {
            "=" or "IN" => c => values(c).Any(wanted.Contains),
            "!=" or "NOT IN" => c => !values(c).Any(wanted.Contains),
            _ => throw new CqlException($"Operator '{clause.Operator}' is not supported for field '{clause.Field}'"),
        };
    }

    private static Func<Content, bool> Contains(CqlClause clause, Func<Content, string> text)
    {
        if (clause.Operator is not ("~" or "!~"))
        {
            throw new CqlException($"Operator '{clause.Operator}' is not supported for field '{clause.Field}'");
        }
        var terms = clause.Values[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('*')).Where(t => t.Length > 0).ToArray();
        bool Match(Content c)
        {
            var haystack = text(c);
            return terms.All(t => haystack.Contains(t, StringComparison.OrdinalIgnoreCase));
        }
        return clause.Operator == "~" ? Match : c => !Match(c);
    }

    private Func<Content, bool> DateCompare(CqlClause clause, Func<Content, DateTimeOffset> date)
    {
        var at = ResolveDate(clause.Values[0]);
        return clause.Operator switch
        {
            "=" => c => date(c).UtcDateTime.Date == at.UtcDateTime.Date,
            "!=" => c => date(c).UtcDateTime.Date != at.UtcDateTime.Date,
            ">" => c => date(c) > at,
            ">=" => c => date(c) >= at,
            "<" => c => date(c) < at,
            "<=" => c => date(c) <= at,
            _ => throw new CqlException($"Operator '{clause.Operator}' is not supported for dates"),
        };
    }

    private string Resolve(CqlValue value) => value.Function?.ToLowerInvariant() switch
    {
        null => value.Text,
        "currentuser" => currentAccountId,
        _ => throw new CqlException($"Unsupported function '{value.Function}'"),
    };

    private DateTimeOffset ResolveDate(CqlValue value)
    {
        if (value.Function is { } function)
        {
            if (!function.Equals("now", StringComparison.OrdinalIgnoreCase))
            {
                throw new CqlException($"Unsupported function '{function}'");
            }
            if (value.Text.Length == 0)
            {
                return now;
            }
            var m = RelativeDate().Match(value.Text);
            if (!m.Success)
            {
                throw new CqlException($"Invalid relative date '{value.Text}'");
            }
            var amount = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["sign"].Value == "-" ? -1 : 1);
            return m.Groups["unit"].Value switch
            {
                "m" => now.AddMinutes(amount),
                "h" => now.AddHours(amount),
                "d" => now.AddDays(amount),
                "w" => now.AddDays(7 * amount),
                "M" => now.AddMonths(amount),
                _ => now.AddYears(amount),
            };
        }
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm"];
        return DateTimeOffset.TryParseExact(value.Text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CqlException($"Invalid date '{value.Text}'");
    }

    private IEnumerable<long> AncestorIds(Content c)
    {
        var current = c;
        while (current.ParentId is { } p && site.Content.Items.TryGetValue(p, out var parent))
        {
            yield return p;
            current = parent;
        }
    }

    public static string TypeName(ContentType type) => type switch
    {
        ContentType.Page => "page",
        ContentType.BlogPost => "blogpost",
        ContentType.Whiteboard => "whiteboard",
        ContentType.Attachment => "attachment",
        _ => "comment",
    };

    [GeneratedRegex("^(?<sign>[+-]?)(?<n>\\d+)(?<unit>[mhdwMy])\\z")]
    private static partial Regex RelativeDate();
}
