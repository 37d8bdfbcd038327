using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

/// <summary>A checked bag ready to restore: its declaration, payload manifests and tree metadata file.</summary>
/// <param name="BagPath">The bag folder.</param>
/// <param name="Declaration">The parsed <c>bagit.txt</c>.</param>
/// <param name="Payload">The checked payload manifests.</param>
/// <param name="TreePath">The <c>backup-tree.tsv</c> file, or null for a bag without one.</param>
public sealed record RestoreSource(string BagPath, BagDeclaration Declaration, PayloadManifests Payload, string? TreePath)
{
    /// <summary>Reads and checks the bag's declaration, tag files and payload manifests.</summary>
    /// <returns>The source, or null after adding what is wrong to <paramref name="problems"/>.</returns>
    /// <exception cref="InvalidInputException">The folder does not exist or has no <c>bagit.txt</c>.</exception>
    public static RestoreSource? Open(IFileSystem fileSystem, string bagPath, List<string> problems,
        List<string> warnings, CancellationToken cancellation)
    {
        if (!fileSystem.Directory.Exists(bagPath))
        {
            throw new InvalidInputException($"Snapshot '{bagPath}' not found. Run 'backup list' to see the snapshots.");
        }

        BagDeclaration declaration;
        try
        {
            declaration = BagDeclaration.Read(fileSystem, bagPath);
        }
        catch (BagFormatException exception)
        {
            problems.Add(exception.Message);
            return null;
        }

        var tags = new TagManifestCheck(fileSystem).Check(bagPath, declaration, cancellation);
        warnings.AddRange(tags.Warnings);
        problems.AddRange(tags.Problems);
        if (!tags.IsIntact)
        {
            return null;
        }

        var payload = PayloadManifests.Scan(fileSystem, bagPath, declaration, cancellation);
        warnings.AddRange(payload.Warnings);
        problems.AddRange(payload.Problems);
        var treePath = fileSystem.Path.Combine(bagPath, TreeMetadataFormat.FileName);
        var hasTree = fileSystem.File.Exists(treePath);
        return payload.Problems.Count > 0 ? null : new RestoreSource(bagPath, declaration, payload, hasTree ? treePath : null);
    }

    /// <summary>Whether the bag records modes, times, directories and links.</summary>
    public bool HasTreeMetadata => TreePath is not null;

    /// <summary>Returns the full path of a payload file given relative to <c>data/</c>.</summary>
    public string DataPath(string path) => RelativePaths.Join(BagPath, SnapshotLayout.DataFolder + "/" + path);

    /// <summary>Streams the entries to restore, in file order.</summary>
    /// <remarks>
    /// Without tree metadata, each payload file becomes a file entry with mode 0 and size -1,
    /// which mean "not recorded".
    /// </remarks>
    /// <exception cref="TreeMetadataFormatException">A line of the metadata file is malformed.</exception>
    public IEnumerable<TreeEntry> ReadEntries(IFileSystem fileSystem)
    {
        if (TreePath is not null)
        {
            return new TreeMetadataReader(fileSystem).Read(TreePath);
        }

        return Payload.Read(0).Select(file => new TreeEntry(EntryKind.File, file.Path, 0, default, -1, 0, 0));
    }
}
