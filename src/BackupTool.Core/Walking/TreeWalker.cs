using System.IO.Abstractions;
using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using Serilog;

namespace BackupTool.Core.Walking;

/// <summary>Walks a directory tree depth-first in manifest order, reading each entry's status once.</summary>
/// <remarks>
/// Pipeline: list a folder, read every child's status, drop excluded children, sort the rest so
/// that full paths come out in <see cref="PathComparer"/> order (a folder sorts as its name plus
/// <c>/</c>), then yield each child and descend into folders. The walk keeps one folder listing per
/// level, never the whole tree, and uses an explicit stack, so deep trees cannot overflow the call
/// stack. Symlinks are yielded as links unless followed; a followed link that leads back to a
/// folder being walked is yielded as a link, so loops end. Not safe for concurrent enumeration.
/// </remarks>
public sealed class TreeWalker(IFileSystem fileSystem, IPosixFileSystem posix, ILogger logger)
{
    private const string VanishedTemplate = "Skipped {SourcePath}: it vanished while the tree was walked";

    private readonly ILogger _logger = logger.ForContext<TreeWalker>();

    /// <summary>Yields the root and every entry below it that the options do not exclude.</summary>
    /// <param name="root">Absolute path of the folder to walk.</param>
    /// <param name="options">Exclusions and symlink handling.</param>
    public IEnumerable<WalkedEntry> Walk(string root, WalkOptions options)
    {
        var rootStatus = posix.GetStatus(root, followSymlinks: true);
        var rootEntry = ListChildren(root, ".", rootStatus, options, out var children);
        yield return rootEntry;

        var stack = new Stack<(IEnumerator<WalkedEntry> Children, ulong Device, ulong Inode)>();
        stack.Push((children.GetEnumerator(), rootStatus.Device, rootStatus.Inode));
        while (stack.Count > 0)
        {
            var (enumerator, _, _) = stack.Peek();
            if (!enumerator.MoveNext())
            {
                enumerator.Dispose();
                stack.Pop();
                continue;
            }

            var child = enumerator.Current;
            if (child.Status.Kind != EntryKind.Directory)
            {
                yield return child;
                continue;
            }

            if (stack.Any(level => level.Device == child.Status.Device && level.Inode == child.Status.Inode))
            {
                yield return AsLoopLink(child);
                continue;
            }

            var listed = ListChildren(child.FullPath, child.RelativePath, child.Status, options, out var grandChildren);
            yield return listed;
            stack.Push((grandChildren.GetEnumerator(), child.Status.Device, child.Status.Inode));
        }
    }

    private WalkedEntry ListChildren(
        string fullPath, string relativePath, EntryStatus status, WalkOptions options, out List<WalkedEntry> children)
    {
        children = [];
        IEnumerable<string> names;
        try
        {
            names = fileSystem.Directory.EnumerateFileSystemEntries(fullPath).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new WalkedEntry(fullPath, relativePath, status, null, $"cannot list the folder: {Reason(exception)}");
        }

        foreach (var childPath in names)
        {
            var name = fileSystem.Path.GetFileName(childPath);
            var childRelative = relativePath == "." ? name : relativePath + "/" + name;
            var entry = Inspect(childPath, childRelative, options);
            if (entry is null || IsExcluded(entry, options))
            {
                continue;
            }

            children.Add(entry);
        }

        children.Sort((a, b) => PathComparer.Instance.Compare(SortKey(a), SortKey(b)));
        return new WalkedEntry(fullPath, relativePath, status, null);
    }

    private WalkedEntry? Inspect(string fullPath, string relativePath, WalkOptions options)
    {
        EntryStatus status;
        try
        {
            status = posix.GetStatus(fullPath);
        }
        catch (FileNotFoundException) when (relativePath.Contains('\uFFFD'))
        {
            var empty = new EntryStatus(EntryKind.File, 0, 0, 0, default, 0, 0, 1, 0, 0);
            return new WalkedEntry(fullPath, relativePath, empty, null,
                "the name is not valid UTF-8, so it cannot be copied byte for byte");
        }
        catch (FileNotFoundException)
        {
            _logger.Warning(VanishedTemplate, fullPath);
            return null;
        }

        if (status.Kind != EntryKind.Symlink)
        {
            return new WalkedEntry(fullPath, relativePath, status, null);
        }

        var linkTarget = fileSystem.FileInfo.New(fullPath).LinkTarget;
        if (options.FollowSymlinks)
        {
            try
            {
                return new WalkedEntry(fullPath, relativePath, posix.GetStatus(fullPath, followSymlinks: true), null);
            }
            catch (IOException)
            {
                // A dangling or looping link cannot be followed; it is kept as a link.
            }
        }

        return new WalkedEntry(fullPath, relativePath, status, linkTarget);
    }

    private bool IsExcluded(WalkedEntry entry, WalkOptions options)
    {
        if (options.ExcludedFullPaths.Contains(entry.FullPath))
        {
            return true;
        }

        return options.Filter.IsExcluded(entry.RelativePath, entry.Status.Kind == EntryKind.Directory);
    }

    private WalkedEntry AsLoopLink(WalkedEntry entry)
    {
        var status = posix.GetStatus(entry.FullPath);
        var target = fileSystem.FileInfo.New(entry.FullPath).LinkTarget;
        return new WalkedEntry(entry.FullPath, entry.RelativePath, status, target);
    }

    private static string SortKey(WalkedEntry entry) =>
        entry.Status.Kind == EntryKind.Directory ? entry.RelativePath + "/" : entry.RelativePath;

    private static string Reason(Exception exception) =>
        exception is UnauthorizedAccessException ? "permission denied" : exception.Message;
}
