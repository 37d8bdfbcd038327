using System.IO.Abstractions;
using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Verification;

/// <summary>Compares each payload file's size with the size <c>backup-tree.tsv</c> records, for <c>--fast</c>.</summary>
/// <remarks>
/// The metadata file lists entries in the same code-point order as the payload walk, so the two are
/// joined as streams. A file the metadata does not list is left to the manifest checks. When the
/// metadata file is malformed or out of order, the comparison stops with a warning.
/// </remarks>
internal sealed class TreeSizeChecker(IFileSystem fileSystem, VerificationFindings findings)
{
    private IEnumerator<TreeEntry>? _entries;
    private string? _previousPath;

    /// <summary>Yields <paramref name="files"/> unchanged, recording each size that differs from the metadata.</summary>
    public IEnumerable<PayloadFile> Check(IEnumerable<PayloadFile> files, string treePath)
    {
        _entries = new TreeMetadataReader(fileSystem).Read(treePath).Where(e => e.Kind == EntryKind.File).GetEnumerator();
        try
        {
            var hasEntry = Advance();
            foreach (var file in files)
            {
                var relative = file.Path[(SnapshotLayout.DataFolder.Length + 1)..];
                while (hasEntry && PathComparer.Instance.Compare(_entries.Current.Path, relative) < 0)
                {
                    hasEntry = Advance();
                }

                if (hasEntry && _entries.Current.Path == relative && _entries.Current.Size != file.Length)
                {
                    findings.Problem(ProblemKind.Modified, file.Path, null,
                        $"the size is {file.Length} bytes, but {TreeMetadataFormat.FileName} records {_entries.Current.Size}");
                }

                yield return file;
            }
        }
        finally
        {
            _entries.Dispose();
        }
    }

    private bool Advance()
    {
        try
        {
            if (!_entries!.MoveNext())
            {
                return false;
            }
        }
        catch (Exception exception) when (exception is TreeMetadataFormatException or IOException)
        {
            findings.Warning(TreeMetadataFormat.FileName, null, $"file sizes were not compared: {exception.Message}");
            return false;
        }

        var path = _entries.Current.Path;
        if (_previousPath is not null && PathComparer.Instance.Compare(_previousPath, path) >= 0)
        {
            findings.Warning(TreeMetadataFormat.FileName, null,
                $"file sizes were compared only up to '{path}', because the entries are out of order");
            return false;
        }

        _previousPath = path;
        return true;
    }
}
