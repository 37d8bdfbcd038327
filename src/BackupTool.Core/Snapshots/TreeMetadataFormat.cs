using System.Globalization;
using System.Text;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Snapshots;

/// <summary>The text format of <c>backup-tree.tsv</c>, the tag file that records every entry of the tree.</summary>
/// <remarks>
/// One entry a line, fields separated by TAB: type, mode (octal), mtime (ISO 8601 UTC with nine
/// fractional digits), size, uid, gid, path, symlink target, hard-link-of. Lines starting with
/// <c>#</c> are comments. In path fields, <c>%</c>, TAB, CR and LF are written <c>%25</c>,
/// <c>%09</c>, <c>%0D</c> and <c>%0A</c>; an empty field means none. Entries come in path order,
/// parents before children, and the root is <c>.</c>.
/// </remarks>
public static class TreeMetadataFormat
{
    /// <summary>The tag file's name in the snapshot root.</summary>
    public const string FileName = "backup-tree.tsv";

    /// <summary>The first line, naming the format and its version.</summary>
    public const string Header = "# backup-tree 1";

    /// <summary>The column names, written as the second line.</summary>
    public const string Columns = "# type\tmode\tmtime\tsize\tuid\tgid\tpath\ttarget\thardlink-of";

    /// <summary>Formats one entry as a line, without the line feed.</summary>
    public static string FormatLine(TreeEntry entry)
    {
        var mode = Convert.ToString(entry.Mode, 8).PadLeft(4, '0');
        return string.Join('\t',
            TypeCode(entry.Kind),
            mode,
            entry.ModifiedTime.ToString(),
            entry.Size.ToString(CultureInfo.InvariantCulture),
            entry.UserId.ToString(CultureInfo.InvariantCulture),
            entry.GroupId.ToString(CultureInfo.InvariantCulture),
            EncodeField(entry.Path),
            entry.LinkTarget is null ? "" : EncodeField(entry.LinkTarget),
            entry.HardLinkOf is null ? "" : EncodeField(entry.HardLinkOf));
    }

    /// <summary>Parses a line written by <see cref="FormatLine"/>.</summary>
    /// <exception cref="FormatException">The line is not a valid entry; the message says which field.</exception>
    public static TreeEntry ParseLine(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 9)
        {
            throw new FormatException($"expected 9 tab-separated fields, found {fields.Length}");
        }

        var kind = KindOf(fields[0]);
        var mode = ParseOctal(fields[1]);
        if (!UnixTime.TryParse(fields[2], out var time))
        {
            throw new FormatException($"invalid mtime '{fields[2]}'");
        }

        return new TreeEntry(
            kind,
            DecodeField(fields[6]),
            mode,
            time,
            ParseNumber(fields[3], "size"),
            (int)ParseNumber(fields[4], "uid"),
            (int)ParseNumber(fields[5], "gid"),
            fields[7].Length == 0 ? null : DecodeField(fields[7]),
            fields[8].Length == 0 ? null : DecodeField(fields[8]));
    }

    /// <summary>Escapes <c>%</c>, TAB, CR and LF so that a field fits on one line.</summary>
    public static string EncodeField(string value)
    {
        if (value.AsSpan().IndexOfAny("%\t\r\n") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '\t' => "%09",
                '\r' => "%0D",
                '\n' => "%0A",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="EncodeField"/>.</summary>
    public static string DecodeField(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && TryDecode(value.AsSpan(i + 1, 2), out var c))
            {
                builder.Append(c);
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    private static bool TryDecode(ReadOnlySpan<char> hex, out char c)
    {
        c = hex.ToString().ToUpperInvariant() switch
        {
            "25" => '%',
            "09" => '\t',
            "0D" => '\r',
            "0A" => '\n',
            _ => '\0',
        };
        return c != '\0';
    }

    private static string TypeCode(EntryKind kind) => kind switch
    {
        EntryKind.File => "f",
        EntryKind.Directory => "d",
        EntryKind.Symlink => "l",
        EntryKind.Fifo => "p",
        EntryKind.Socket => "s",
        EntryKind.CharacterDevice => "c",
        EntryKind.BlockDevice => "b",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static EntryKind KindOf(string code) => code switch
    {
        "f" => EntryKind.File,
        "d" => EntryKind.Directory,
        "l" => EntryKind.Symlink,
        "p" => EntryKind.Fifo,
        "s" => EntryKind.Socket,
        "c" => EntryKind.CharacterDevice,
        "b" => EntryKind.BlockDevice,
        _ => throw new FormatException($"unknown entry type '{code}'"),
    };

    private static int ParseOctal(string text)
    {
        if (text.Length is 0 or > 6 || text.Any(c => c is < '0' or > '7'))
        {
            throw new FormatException($"invalid mode '{text}'");
        }

        return Convert.ToInt32(text, 8);
    }

    private static long ParseNumber(string text, string field) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"invalid {field} '{text}'");
}
