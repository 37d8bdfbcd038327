using System.Globalization;
using System.IO.Abstractions;
using System.Text;

namespace BackupTool.Core.Snapshots;

/// <summary>The labels and values of a bag's <c>bag-info.txt</c>.</summary>
/// <remarks>
/// Each line is <c>Label: value</c>; a line starting with a space or tab continues the value above.
/// Labels may repeat and are matched ignoring case, as RFC 8493 allows.
/// </remarks>
public sealed class BagInfo
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>Every field in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Returns the first value of <paramref name="label"/>, or null when it is absent.</summary>
    public string? Get(string label) =>
        _fields.FirstOrDefault(f => string.Equals(f.Key, label, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Parses <c>Payload-Oxum</c> (<c>bytes.files</c>).</summary>
    /// <returns>False when the label is absent or malformed.</returns>
    public bool TryGetPayloadOxum(out long bytes, out long files)
    {
        bytes = files = 0;
        var parts = Get("Payload-Oxum")?.Split('.');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out bytes)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out files);
    }

    /// <summary>Reads <c>bag-info.txt</c> from the bag root; an absent file gives no fields.</summary>
    public static BagInfo Read(IFileSystem fileSystem, string bagPath, Encoding encoding)
    {
        var path = fileSystem.Path.Combine(bagPath, SnapshotLayout.BagInfoFile);
        return fileSystem.File.Exists(path) ? Parse(fileSystem.File.ReadAllText(path, encoding)) : new BagInfo();
    }

    /// <summary>Parses the text of a <c>bag-info.txt</c>; lines without a colon are ignored.</summary>
    public static BagInfo Parse(string text)
    {
        var info = new BagInfo();
        foreach (var line in text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && info._fields.Count > 0)
            {
                var last = info._fields[^1];
                info._fields[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                info._fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return info;
    }
}
