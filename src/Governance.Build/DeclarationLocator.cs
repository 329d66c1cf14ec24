using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using Governance.Core.Policy;

namespace Governance.Build;

/// <summary>Finds the line that declares an item (PackageReference, PackageVersion, ProjectReference, Reference) in
/// the file that defined it, so errors read `file(line,col): error GOV200: ...` for CI problem matchers.</summary>
internal sealed class DeclarationLocator
{
    private readonly Dictionary<string, List<(string Element, string Include, int Line, int Column)>> _files = new(StringComparer.OrdinalIgnoreCase);

    public DeclarationSite Find(string? file, string element, string include)
    {
        if (string.IsNullOrEmpty(file))
        {
            return DeclarationSite.Unknown;
        }

        if (!_files.TryGetValue(file!, out var entries))
        {
            entries = Read(file!);
            _files[file!] = entries;
        }

        foreach (var entry in entries)
        {
            if (string.Equals(entry.Element, element, StringComparison.OrdinalIgnoreCase) && Matches(entry.Include, include))
            {
                return new DeclarationSite(file, entry.Line, entry.Column);
            }
        }

        return new DeclarationSite(file, 0, 0);
    }

    private static bool Matches(string written, string include)
    {
        foreach (var part in written.Split(';'))
        {
            var p = part.Trim();
            if (string.Equals(p, include, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Replace('\\', '/'), include.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static List<(string, string, int, int)> Read(string file)
    {
        var list = new List<(string, string, int, int)>();
        if (!File.Exists(file))
        {
            return list;
        }

        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var include = reader.GetAttribute("Include") ?? reader.GetAttribute("Update");
                if (include is not null)
                {
                    // LinePosition points at the element name; the '<' is one column before it.
                    list.Add((reader.LocalName, include, info.LineNumber, Math.Max(1, info.LinePosition - 1)));
                }
            }
        }
        catch (XmlException)
        {
            // An unreadable project file cannot be built anyway; findings keep the file without a line.
        }

        return list;
    }
}
