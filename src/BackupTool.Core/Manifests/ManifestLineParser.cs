using System.Text;

namespace BackupTool.Core.Manifests;

/// <summary>Parses manifest lines as RFC 8493 defines them, accepting what common tools write.</summary>
/// <remarks>
/// Strict form is lowercase hex, one or two spaces, then the path to the end of the line. Accepted
/// with a warning: uppercase hex, a tab or three or more spaces as separator, md5sum's <c>*</c>
/// binary marker, md5sum's backslash-escaped lines, and a leading <c>./</c> on the path.
/// After two spaces the rest of the line is the path verbatim, as md5sum reads it, so names that
/// start with a space or <c>*</c> survive.
/// </remarks>
public static class ManifestLineParser
{
    /// <summary>Parses one line.</summary>
    /// <param name="line">The line without its ending.</param>
    /// <param name="lineNumber">1-based line number, copied into the result.</param>
    /// <param name="digestLength">Expected hex digits of the algorithm, or 0 to accept any length.</param>
    /// <param name="decodePercent">True for BagIt 1.0, where <c>%25</c> decodes to <c>%</c>.</param>
    public static ManifestLine Parse(string line, int lineNumber, int digestLength, bool decodePercent)
    {
        var warnings = new List<string>();
        var gnuEscaped = line.StartsWith('\\');
        var text = gnuEscaped ? line[1..] : line;

        var digestEnd = text.IndexOfAny([' ', '\t']);
        if (digestEnd <= 0)
        {
            return Malformed(lineNumber, text.Length == 0
                ? "empty line" : "no whitespace between checksum and path");
        }

        var digest = text[..digestEnd];
        var digestError = CheckDigest(digest, digestLength, warnings);
        if (digestError is not null)
        {
            return Malformed(lineNumber, digestError);
        }

        var (rawPath, lenientRawPath) = SplitPath(text, digestEnd, warnings);
        if (rawPath.Length == 0)
        {
            return Malformed(lineNumber, "no path after the checksum");
        }

        if (gnuEscaped)
        {
            warnings.Add("md5sum backslash-escaped line");
            rawPath = UnescapeGnu(rawPath);
            lenientRawPath = lenientRawPath is null ? null : UnescapeGnu(lenientRawPath);
        }

        var path = NormalizePath(ManifestPath.Decode(rawPath, decodePercent), warnings);
        var lenientPath = lenientRawPath is null ? null
            : NormalizePath(ManifestPath.Decode(lenientRawPath, decodePercent), []);
        return new ManifestLine(lineNumber, digest.ToLowerInvariant(), path,
            lenientPath == path ? null : lenientPath, null, warnings);
    }

    private static string? CheckDigest(string digest, int digestLength, List<string> warnings)
    {
        if (!digest.All(char.IsAsciiHexDigit))
        {
            return $"checksum '{Shorten(digest)}' is not hexadecimal";
        }

        if (digestLength > 0 && digest.Length != digestLength)
        {
            return $"checksum has {digest.Length} hex digits, expected {digestLength}";
        }

        if (digest.Any(char.IsAsciiLetterUpper))
        {
            warnings.Add("uppercase hex checksum");
        }

        return null;
    }

    private static (string Path, string? Lenient) SplitPath(string text, int digestEnd, List<string> warnings)
    {
        var rest = text[digestEnd..];
        if (rest.StartsWith(" *", StringComparison.Ordinal))
        {
            warnings.Add("md5sum binary marker '*'");
            return (rest[2..], null);
        }

        if (rest.StartsWith("  ", StringComparison.Ordinal) && !rest.StartsWith("   ", StringComparison.Ordinal))
        {
            return (rest[2..], null);
        }

        if (rest.Length > 1 && rest[0] == ' ' && rest[1] is not (' ' or '\t'))
        {
            return (rest[1..], null);
        }

        // A tab, or three or more spaces: the separator's length is ambiguous when the name itself
        // starts with a space. Prefer md5sum's reading (two characters), and offer the trimmed one.
        var trimmed = rest.TrimStart(' ', '\t');
        var separator = rest[..(rest.Length - trimmed.Length)];
        warnings.Add(separator.Contains('\t') ? "tab in the separator" : "several spaces as separator");
        var md5sumReading = rest.StartsWith("  ", StringComparison.Ordinal) ? rest[2..] : trimmed;
        return (md5sumReading, trimmed);
    }

    private static string NormalizePath(string path, List<string> warnings)
    {
        if (path.StartsWith("./", StringComparison.Ordinal))
        {
            warnings.Add("path starts with './'");
            return path[2..];
        }

        return path;
    }

    private static string UnescapeGnu(string path)
    {
        var builder = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                i++;
                builder.Append(path[i] switch { 'n' => '\n', 'r' => '\r', _ => path[i] });
            }
            else
            {
                builder.Append(path[i]);
            }
        }

        return builder.ToString();
    }

    private static ManifestLine Malformed(int lineNumber, string error) =>
        new(lineNumber, null, null, null, error, []);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
