using System.IO.Abstractions;
using System.Text;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Verification;

/// <summary>One payload or tag manifest of a bag, read line by line without holding it in memory.</summary>
/// <remarks>
/// <see cref="Scan"/> reads the file once to report malformed lines, deviations and paths that leave
/// the bag, and to learn whether the paths are sorted. <see cref="Entries"/> then streams the accepted
/// entries in <see cref="PathComparer"/> order: straight from the file when it was sorted, as this
/// tool writes it, or from a sorted copy in memory for a foreign, unsorted manifest.
/// </remarks>
internal sealed class ManifestFile(
    IFileSystem fileSystem, string bagPath, string fileName, ManifestAlgorithm algorithm, bool isTagManifest)
{
    private const string PayloadPrefix = "data/";

    private Encoding _encoding = Encoding.UTF8;
    private bool _decodePercent;

    /// <summary>The file name relative to the bag root, such as <c>manifest-md5.txt</c>.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The algorithm the file name declares.</summary>
    public ManifestAlgorithm Algorithm { get; } = algorithm;

    /// <summary>Whether the accepted paths were in <see cref="PathComparer"/> order.</summary>
    public bool IsSorted { get; private set; } = true;

    /// <summary>The number of accepted entries, duplicates included.</summary>
    public long EntryCount { get; private set; }

    private string FullPath => fileSystem.Path.Combine(bagPath, FileName);

    /// <summary>Reads the whole file, recording every malformed line, deviation and escaping path.</summary>
    public void Scan(Encoding encoding, bool decodePercent, VerificationFindings findings)
    {
        (_encoding, _decodePercent) = (encoding, decodePercent);
        string? previous = null;
        foreach (var entry in Accepted(findings))
        {
            EntryCount++;
            if (previous is not null && PathComparer.Instance.Compare(previous, entry.Path) > 0)
            {
                IsSorted = false;
            }

            previous = entry.Path;
        }
    }

    /// <summary>Streams the accepted entries in path order; equal paths keep their line order.</summary>
    public IEnumerable<ManifestEntry> Entries() => IsSorted
        ? Accepted(null)
        : Accepted(null).OrderBy(e => e.Path, PathComparer.Instance).ThenBy(e => e.Line);

    private IEnumerable<ManifestEntry> Accepted(VerificationFindings? findings)
    {
        var endings = new LineEndings();
        var reader = new ManifestReader(fileSystem);
        foreach (var line in reader.Read(FullPath, _encoding, Algorithm.HexLength, _decodePercent, endings))
        {
            if (Accept(line, findings) is { } entry)
            {
                yield return entry;
            }
        }

        if (findings is not null && (endings.CrLf || endings.Cr))
        {
            findings.Warning(FileName, null, endings.Cr ? "lines end in CR" : "lines end in CRLF");
        }
    }

    private ManifestEntry? Accept(ManifestLine line, VerificationFindings? findings)
    {
        if (!line.IsValid)
        {
            findings?.Problem(ProblemKind.MalformedLine, FileName, line.LineNumber, $"{line.Error}");
            return null;
        }

        var path = ChoosePath(line);
        foreach (var warning in line.Warnings)
        {
            findings?.Warning(FileName, line.LineNumber, warning);
        }

        var escape = Bags.BagPath.FindEscape(path);
        if (escape is not null)
        {
            findings?.Problem(ProblemKind.PathOutsideBag, FileName, line.LineNumber,
                $"'{path}' leaves the bag ({escape}); it was not opened");
            return null;
        }

        if (!isTagManifest && (!path.StartsWith(PayloadPrefix, StringComparison.Ordinal) || path.Length == PayloadPrefix.Length))
        {
            findings?.Problem(ProblemKind.PathOutsideBag, FileName, line.LineNumber,
                $"'{path}' is not a payload path under data/; it was not opened");
            return null;
        }

        return new ManifestEntry(path, line.Digest!, line.LineNumber);
    }

    private string ChoosePath(ManifestLine line)
    {
        if (line.LenientPath is not { } lenient)
        {
            return line.Path!;
        }

        if (isTagManifest)
        {
            var staysInside = Bags.BagPath.FindEscape(line.Path!) is null;
            return staysInside && fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, line.Path!)) ? line.Path! : lenient;
        }

        return line.Path!.StartsWith(PayloadPrefix, StringComparison.Ordinal) ? line.Path! : lenient;
    }
}
