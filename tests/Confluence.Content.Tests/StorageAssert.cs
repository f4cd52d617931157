using System.Xml;
using System.Xml.Linq;

namespace Platform.Confluence.Content.Tests;

internal static class StorageAssert
{
    /// <summary>
    /// Parses a storage fragment the way a strict consumer would: namespace-aware, with only the
    /// <c>ac</c> and <c>ri</c> prefixes declared, and no DTD (so no HTML entities either).
    /// </summary>
    public static XElement WellFormed(string storage)
    {
        var wrapped = $"<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">{storage}</root>";
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(wrapped), settings);
        return XElement.Load(reader);
    }
}
