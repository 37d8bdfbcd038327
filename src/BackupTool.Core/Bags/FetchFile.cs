using System.Globalization;
using System.IO.Abstractions;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Bags;

/// <summary>The entries of a bag's <c>fetch.txt</c>: payload files to download before the bag is complete.</summary>
/// <remarks>
/// Each line is <c>URL LENGTH FILEPATH</c>, where LENGTH is digits or <c>-</c> and FILEPATH runs to
/// the end of the line. In BagIt 1.0 the path decodes <c>%0D</c>, <c>%0A</c> and <c>%25</c>, and
/// any other <c>%</c> is an error. A path that leaves the bag is an error; nothing is downloaded.
/// </remarks>
public sealed class FetchFile
{
    /// <summary>The tag file name.</summary>
    public const string FileName = "fetch.txt";

    private FetchFile(IReadOnlyList<FetchEntry> entries, IReadOnlyList<TagFileIssue> errors,
        IReadOnlyList<TagFileIssue> warnings)
    {
        Entries = entries;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The lines that parsed, in file order.</summary>
    public IReadOnlyList<FetchEntry> Entries { get; }

    /// <summary>Lines that break the format or name a path outside the bag.</summary>
    public IReadOnlyList<TagFileIssue> Errors { get; }

    /// <summary>Accepted deviations, such as CRLF line endings.</summary>
    public IReadOnlyList<TagFileIssue> Warnings { get; }

    /// <summary>Reads <c>fetch.txt</c> from the bag.</summary>
    /// <returns>The entries, or null when the bag has no <c>fetch.txt</c>.</returns>
    public static FetchFile? Read(IFileSystem fileSystem, string bagPath, BagDeclaration declaration)
    {
        var path = fileSystem.Path.Combine(bagPath, FileName);
        if (!fileSystem.File.Exists(path))
        {
            return null;
        }

        using var stream = fileSystem.File.OpenRead(path);
        using var reader = new StreamReader(stream, declaration.Encoding, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, declaration.DecodesPercent);
    }

    /// <summary>Parses <c>fetch.txt</c> text.</summary>
    /// <param name="reader">The decoded text.</param>
    /// <param name="decodePercent">True for BagIt 1.0, where paths are percent-encoded.</param>
    public static FetchFile Parse(TextReader reader, bool decodePercent)
    {
        var entries = new List<FetchEntry>();
        var errors = new List<TagFileIssue>();
        var lines = new LineReader(reader);
        var lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var error = ParseLine(line, lineNumber, decodePercent, out var entry);
            if (error is null)
            {
                entries.Add(entry!);
            }
            else
            {
                errors.Add(new TagFileIssue(FileName, lineNumber, error));
            }
        }

        var warnings = new List<TagFileIssue>();
        if (lines.SawCrLf || lines.SawCr)
        {
            warnings.Add(new TagFileIssue(FileName, 0, lines.SawCr ? "lines end in CR" : "lines end in CRLF"));
        }

        return new FetchFile(entries, errors, warnings);
    }

    private static string? ParseLine(string line, int lineNumber, bool decodePercent, out FetchEntry? entry)
    {
        entry = null;
        var fields = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return "expected 'URL LENGTH FILEPATH'";
        }

        var (url, lengthText) = (fields[0], fields[1]);
        var rawPath = fields[2].TrimStart(' ', '\t');
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return $"'{url}' is not an absolute URL";
        }

        long? length = null;
        if (lengthText != "-")
        {
            if (!lengthText.All(char.IsAsciiDigit)
                || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return $"length '{lengthText}' is neither a number of bytes nor '-'";
            }

            length = parsed;
        }

        var pathError = CheckPath(rawPath, decodePercent, out var path);
        if (pathError is not null)
        {
            return pathError;
        }

        entry = new FetchEntry(url, length, path, lineNumber);
        return null;
    }

    private static string? CheckPath(string rawPath, bool decodePercent, out string path)
    {
        path = ManifestPath.Decode(rawPath, decodePercent);
        if (decodePercent && HasStrayPercent(rawPath))
        {
            return $"path '{rawPath}' has a '%' that is not %0D, %0A or %25";
        }

        var escape = BagPath.FindEscape(path);
        return escape is null ? null : $"path '{rawPath}' leaves the bag: {escape}";
    }

    private static bool HasStrayPercent(string rawPath)
    {
        for (var i = rawPath.IndexOf('%'); i >= 0; i = rawPath.IndexOf('%', i + 1))
        {
            var code = i + 2 < rawPath.Length ? rawPath.Substring(i + 1, 2).ToUpperInvariant() : "";
            if (code is not ("0D" or "0A" or "25"))
            {
                return true;
            }

            i += 2;
        }

        return false;
    }
}
