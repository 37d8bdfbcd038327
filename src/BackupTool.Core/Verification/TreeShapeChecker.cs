using System.IO.Abstractions;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Verification;

/// <summary>Checks the folders and symlinks of <c>data/</c> against <c>backup-tree.tsv</c>.</summary>
/// <remarks>
/// Manifests cover regular files only, so without this a planted, retargeted or deleted symlink
/// or a deleted empty folder would pass, and a restore with <c>cp -a</c> would bring the change
/// back. Pipeline: keep the recorded folders and symlinks (files are left to the manifests), look
/// up in <c>data/</c> each one that the payload walk did not meet as a folder, then compare the
/// folders and symlinks that the walk met with the recorded ones. Symlinks are read, never followed.
/// </remarks>
internal sealed class TreeShapeChecker(IFileSystem fileSystem, VerificationFindings findings)
{
    /// <summary>Records a problem for each folder or symlink that differs from the metadata.</summary>
    /// <param name="bagPath">The bag folder.</param>
    /// <param name="walk">The finished walk of <c>data/</c>, which lists the folders and symlinks found.</param>
    public void Check(string bagPath, PayloadWalker walk)
    {
        var treePath = fileSystem.Path.Combine(bagPath, TreeMetadataFormat.FileName);
        var dataPath = fileSystem.Path.Combine(bagPath, SnapshotLayout.DataFolder);
        if (!fileSystem.File.Exists(treePath) || !fileSystem.Directory.Exists(dataPath))
        {
            return;
        }

        var recorded = ReadRecorded(treePath);
        if (recorded is null)
        {
            return;
        }

        // A recorded folder that the walk met as a folder is intact, so only the others are looked up.
        var foundFolders = new HashSet<string>(walk.Folders, StringComparer.Ordinal);
        foreach (var entry in recorded.Values)
        {
            var walkPath = SnapshotLayout.DataFolder + "/" + entry.Path;
            if (entry.Kind != EntryKind.Directory || !foundFolders.Contains(walkPath))
            {
                CheckRecorded(dataPath, entry);
            }
        }

        FindUnrecorded(dataPath, walk, recorded);
    }

    private Dictionary<string, TreeEntry>? ReadRecorded(string treePath)
    {
        var recorded = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in new TreeMetadataReader(fileSystem).Read(treePath))
            {
                if (entry.Kind is EntryKind.Directory or EntryKind.Symlink && entry.Path != TreeEntry.RootPath)
                {
                    recorded[entry.Path] = entry;
                }
            }
        }
        catch (TreeMetadataFormatException exception)
        {
            findings.Problem(ProblemKind.InvalidMetadata, TreeMetadataFormat.FileName, exception.LineNumber,
                exception.Message + "; folders and symlinks were not checked");
            return null;
        }

        return recorded;
    }

    private void CheckRecorded(string dataPath, TreeEntry entry)
    {
        var path = SnapshotLayout.DataFolder + "/" + entry.Path;
        var full = dataPath + "/" + entry.Path;
        var info = fileSystem.FileInfo.New(full);
        var linkTarget = info.LinkTarget;
        var isFolder = linkTarget is null && fileSystem.Directory.Exists(full);
        var exists = linkTarget is not null || isFolder || info.Exists;
        if (!exists)
        {
            findings.Problem(ProblemKind.Missing, path, null,
                $"the {Describe(entry.Kind)} recorded in {TreeMetadataFormat.FileName} is not in data/");
        }
        else if (entry.Kind == EntryKind.Directory && !isFolder)
        {
            findings.Problem(ProblemKind.Modified, path, null,
                $"{TreeMetadataFormat.FileName} records a folder here, but data/ holds something else");
        }
        else if (entry.Kind == EntryKind.Symlink && linkTarget != entry.LinkTarget)
        {
            findings.Problem(ProblemKind.Modified, path, null, linkTarget is null
                ? $"{TreeMetadataFormat.FileName} records a symlink to '{entry.LinkTarget}', but data/ holds no symlink here"
                : $"the symlink points to '{linkTarget}', but {TreeMetadataFormat.FileName} records '{entry.LinkTarget}'");
        }
    }

    private void FindUnrecorded(string dataPath, PayloadWalker walk, Dictionary<string, TreeEntry> recorded)
    {
        foreach (var (folder, reason) in walk.UnlistedFolders)
        {
            findings.Problem(ProblemKind.Unreadable, folder, null, $"the folder could not be listed: {reason}");
        }

        foreach (var folder in walk.Folders)
        {
            CheckListed(dataPath, folder, EntryKind.Directory, recorded);
        }

        foreach (var link in walk.Symlinks)
        {
            CheckListed(dataPath, link, EntryKind.Symlink, recorded);
        }
    }

    private void CheckListed(string dataPath, string path, EntryKind kind, Dictionary<string, TreeEntry> recorded)
    {
        var relativePath = path[(SnapshotLayout.DataFolder.Length + 1)..];
        if (recorded.TryGetValue(relativePath, out var known) && known.Kind == kind)
        {
            return;
        }

        // The target is read only here, so an intact tree costs no readlink per symlink.
        var detail = kind == EntryKind.Symlink
            ? $" (pointing to '{fileSystem.FileInfo.New(dataPath + "/" + relativePath).LinkTarget}')"
            : "";
        findings.Problem(ProblemKind.Unexpected, path, null,
            $"a {Describe(kind)} in data/ that {TreeMetadataFormat.FileName} does not record{detail}");
    }

    private static string Describe(EntryKind kind) => kind == EntryKind.Symlink ? "symlink" : "folder";
}
