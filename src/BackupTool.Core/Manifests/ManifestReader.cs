using System.IO.Abstractions;
using System.Text;

namespace BackupTool.Core.Manifests;

/// <summary>Streams the lines of a payload or tag manifest without holding the file in memory.</summary>
/// <remarks>
/// Pipeline: decode the bytes with the bag's tag-file encoding (a byte order mark wins), split lines
/// on LF, CRLF or CR, parse each with <see cref="ManifestLineParser"/>. Blank lines are skipped.
/// </remarks>
public sealed class ManifestReader(IFileSystem fileSystem)
{
    /// <summary>Reads every line of the manifest at <paramref name="path"/>.</summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="encoding">The bag's tag-file encoding, from <c>bagit.txt</c>.</param>
    /// <param name="digestLength">Expected hex digits, or 0 to accept any.</param>
    /// <param name="decodePercent">True for BagIt 1.0, where <c>%25</c> decodes to <c>%</c>.</param>
    /// <param name="endings">Receives which line endings the file used, once the enumeration ends.</param>
    public IEnumerable<ManifestLine> Read(
        string path, Encoding encoding, int digestLength, bool decodePercent, LineEndings? endings = null)
    {
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        var lines = new LineReader(text);
        var lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ManifestLineParser.Parse(line, lineNumber, digestLength, decodePercent);
        }

        if (endings is not null)
        {
            endings.CrLf = lines.SawCrLf;
            endings.Cr = lines.SawCr;
        }
    }
}
