using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Platform.Confluence.Tools;

/// <summary>
/// JSON Schemas generated from argument and result records, so the schema a model sees and the binding that checks
/// its arguments come from one definition. <c>[Description]</c>, <c>[Range]</c> and <c>[NumericId]</c> are carried over.
/// </summary>
internal static class ToolSchemas
{
    public static JsonElement For<T>()
    {
        var options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Annotate };
        var node = ToolJson.Strict.GetJsonSchemaAsNode(typeof(T), options);
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Attributes of a member, whether written on the record's constructor parameter or on the property.</summary>
    public static IEnumerable<Attribute> AttributesOf(JsonSchemaExporterContext context)
    {
        var providers = new[] { context.PropertyInfo?.AttributeProvider, context.PropertyInfo?.AssociatedParameter?.AttributeProvider };
        return providers.OfType<ICustomAttributeProvider>().SelectMany(p => p.GetCustomAttributes(inherit: true)).OfType<Attribute>();
    }

    private static JsonObject Annotate(JsonSchemaExporterContext context, JsonNode schema)
    {
        var attributes = AttributesOf(context).ToList();
        // "Any JSON" comes as the literal true; an empty object means the same, can carry a description, and is what
        // clients that validate tool schemas (the Node SDK, for one) accept.
        var node = schema as JsonObject ?? [];
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case DescriptionAttribute description:
                    node["description"] = description.Description;
                    break;
                case RangeAttribute range:
                    node["minimum"] = JsonValue.Create(Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    node["maximum"] = JsonValue.Create(Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case NumericIdAttribute:
                    node["pattern"] = NumericIdAttribute.Pattern;
                    break;
                case SingleLineAttribute when node["type"]?.ToString().Contains("string", StringComparison.Ordinal) == true:
                    node["pattern"] = SingleLineAttribute.Pattern;
                    break;
            }
        }
        return node;
    }
}
