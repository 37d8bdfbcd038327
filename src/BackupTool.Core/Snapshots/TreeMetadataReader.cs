using System.IO.Abstractions;
using System.Text;

namespace BackupTool.Core.Snapshots;

/// <summary>Streams the entries of a snapshot's <c>backup-tree.tsv</c>, one at a time.</summary>
public sealed class TreeMetadataReader(IFileSystem fileSystem)
{
    /// <summary>Reads the entries of the metadata file at <paramref name="path"/> in file order.</summary>
    /// <exception cref="TreeMetadataFormatException">A line is malformed; the exception names its number.</exception>
    public IEnumerable<TreeEntry> Read(string path)
    {
        using var stream = fileSystem.File.OpenRead(path);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            TreeEntry entry;
            try
            {
                entry = TreeMetadataFormat.ParseLine(line);
            }
            catch (FormatException exception)
            {
                throw new TreeMetadataFormatException(path, lineNumber, exception.Message);
            }

            yield return entry;
        }
    }
}
