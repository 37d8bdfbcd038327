using System.IO.Abstractions;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Restore;

/// <summary>Moves a staged tree into the target folder, merging with directories that exist there.</summary>
/// <remarks>
/// Each entry is renamed, never copied. An existing file or symlink at a path is replaced, as the
/// link itself, never its target. An existing directory is merged into entry by entry, and a
/// directory in the target where the staged entry is not a directory is an error: the plan rejects
/// that case before anything is staged. Not safe to call concurrently on overlapping trees.
/// </remarks>
internal sealed class TargetMerger(IFileSystem fileSystem, IPosixFileSystem posix)
{
    /// <summary>Moves every entry of <paramref name="staging"/> into <paramref name="target"/>.</summary>
    public void MoveAll(string staging, string target)
    {
        foreach (var child in fileSystem.Directory.EnumerateFileSystemEntries(staging).ToList())
        {
            Move(child, fileSystem.Path.Combine(target, fileSystem.Path.GetFileName(child)));
        }
    }

    private void Move(string source, string destination)
    {
        var sourceKind = posix.GetStatus(source).Kind;
        var existing = TryGetKind(destination);
        if (existing is null)
        {
            Rename(source, destination, sourceKind);
        }
        else if (existing == EntryKind.Directory && sourceKind == EntryKind.Directory)
        {
            MoveAll(source, destination);
        }
        else if (existing == EntryKind.Directory)
        {
            throw new IOException($"Could not restore '{destination}': a directory is in the way. "
                + "Move it away or restore into another folder.");
        }
        else if (sourceKind == EntryKind.Directory)
        {
            fileSystem.File.Delete(destination);
            Rename(source, destination, sourceKind);
        }
        else
        {
            posix.Rename(source, destination);
        }
    }

    private void Rename(string source, string destination, EntryKind kind)
    {
        if (kind == EntryKind.Directory)
        {
            fileSystem.Directory.Move(source, destination);
        }
        else
        {
            // File.Move follows a symlink to a folder and then reports the link as missing.
            posix.Rename(source, destination);
        }
    }

    private EntryKind? TryGetKind(string path)
    {
        try
        {
            return posix.GetStatus(path).Kind;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
