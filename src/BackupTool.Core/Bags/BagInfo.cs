using System.IO.Abstractions;
using System.Text;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Bags;

/// <summary>The metadata of <c>bag-info.txt</c> (called <c>package-info.txt</c> before BagIt 0.96).</summary>
/// <remarks>
/// Pipeline: decode with the bag's tag-file encoding, split lines on LF, CRLF or CR, join
/// continuation lines (those starting with a space or tab) to the element before them, then split
/// each element at its first colon. Labels may repeat and compare without regard to case.
/// BagIt 1.0 rejects whitespace at the start or end of a label; earlier versions accept it.
/// </remarks>
public sealed class BagInfo
{
    /// <summary>The current file name.</summary>
    public const string FileName = "bag-info.txt";

    /// <summary>The file name before BagIt 0.96.</summary>
    public const string LegacyFileName = "package-info.txt";

    private BagInfo(string fileName, IReadOnlyList<BagInfoEntry> entries, IReadOnlyList<TagFileIssue> errors,
        IReadOnlyList<TagFileIssue> warnings)
    {
        SourceFileName = fileName;
        Entries = entries;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The file the metadata came from.</summary>
    public string SourceFileName { get; }

    /// <summary>Every element in file order, repeated labels included.</summary>
    public IReadOnlyList<BagInfoEntry> Entries { get; }

    /// <summary>Lines that break the format; the elements on other lines are still read.</summary>
    public IReadOnlyList<TagFileIssue> Errors { get; }

    /// <summary>Accepted deviations from strict form, such as CRLF line endings.</summary>
    public IReadOnlyList<TagFileIssue> Warnings { get; }

    /// <summary>Returns the values of every element with the label, ignoring case, in file order.</summary>
    public IEnumerable<string> Values(string label) =>
        Entries.Where(e => string.Equals(e.Label, label, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value);

    /// <summary>Returns the entry of the first element with the label, ignoring case, or null.</summary>
    public BagInfoEntry? Find(string label) =>
        Entries.FirstOrDefault(e => string.Equals(e.Label, label, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads <c>bag-info.txt</c>, or <c>package-info.txt</c> when only that exists.</summary>
    /// <returns>The metadata, or null when the bag has neither file, which BagIt allows.</returns>
    public static BagInfo? Read(IFileSystem fileSystem, string bagPath, BagDeclaration declaration)
    {
        foreach (var name in new[] { FileName, LegacyFileName })
        {
            var path = fileSystem.Path.Combine(bagPath, name);
            if (fileSystem.File.Exists(path))
            {
                using var stream = fileSystem.File.OpenRead(path);
                using var reader = new StreamReader(stream, declaration.Encoding, detectEncodingFromByteOrderMarks: true);
                return Parse(reader, name, strict: declaration.Major >= 1);
            }
        }

        return null;
    }

    /// <summary>Parses metadata text.</summary>
    /// <param name="reader">The decoded text.</param>
    /// <param name="fileName">The tag file name, copied into every issue.</param>
    /// <param name="strict">True for BagIt 1.0, which rejects whitespace around labels.</param>
    public static BagInfo Parse(TextReader reader, string fileName, bool strict)
    {
        var entries = new List<BagInfoEntry>();
        var errors = new List<TagFileIssue>();
        var warnings = new List<TagFileIssue>();
        var lines = new LineReader(reader);
        var pending = (Label: (string?)null, Value: new StringBuilder(), Line: 0);
        var lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0 && line[0] is ' ' or '\t' && pending.Label is not null)
            {
                pending.Value.Append(' ').Append(line.Trim());
                continue;
            }

            Flush(entries, ref pending);
            if (line.Trim().Length == 0)
            {
                warnings.Add(new TagFileIssue(fileName, lineNumber, "blank line"));
                continue;
            }

            var error = ParseElement(line, strict, out var label, out var value);
            if (error is not null)
            {
                errors.Add(new TagFileIssue(fileName, lineNumber, error));
                continue;
            }

            pending = (label, new StringBuilder(value), lineNumber);
        }

        Flush(entries, ref pending);
        AddLineEndingWarnings(lines, fileName, warnings);
        return new BagInfo(fileName, entries, errors, warnings);
    }

    private static string? ParseElement(string line, bool strict, out string label, out string value)
    {
        var colon = line.IndexOf(':');
        label = colon < 0 ? "" : line[..colon];
        value = colon < 0 ? "" : line[(colon + 1)..].Trim();
        if (colon < 0)
        {
            return "no ':' between label and value";
        }

        if (label.Trim().Length == 0)
        {
            return "the label before ':' is empty";
        }

        if (strict && label[0] is ' ' or '\t')
        {
            return $"label '{label}' starts with whitespace, which BagIt 1.0 does not allow";
        }

        if (strict && label[^1] is ' ' or '\t')
        {
            return $"label '{label.Trim()}' has whitespace before ':', which BagIt 1.0 does not allow";
        }

        label = label.Trim();
        return null;
    }

    private static void Flush(List<BagInfoEntry> entries, ref (string? Label, StringBuilder Value, int Line) pending)
    {
        if (pending.Label is not null)
        {
            entries.Add(new BagInfoEntry(pending.Label, pending.Value.ToString(), pending.Line));
        }

        pending = (null, new StringBuilder(), 0);
    }

    private static void AddLineEndingWarnings(LineReader lines, string fileName, List<TagFileIssue> warnings)
    {
        if (lines.SawCrLf || lines.SawCr)
        {
            warnings.Add(new TagFileIssue(fileName, 0, lines.SawCr ? "lines end in CR" : "lines end in CRLF"));
        }
    }
}
