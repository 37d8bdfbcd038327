using System.IO.Abstractions;
using System.Text;
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
    /// <summary>The longest path Linux accepts, in bytes, terminating NUL included.</summary>
    public const int PathMaxBytes = 4096;

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
            if (child.Status.Kind != EntryKind.Directory || child.Problem is not null)
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
        IReadOnlyList<EntryName> names;
        try
        {
            names = posix.ListDirectory(fullPath);
        }
        catch (FileNotFoundException)
        {
            _logger.Warning(VanishedTemplate, fullPath);
            return new WalkedEntry(fullPath, relativePath, status, null, Vanished: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new WalkedEntry(fullPath, relativePath, status, null, $"cannot list the folder: {Reason(exception)}");
        }

        foreach (var name in names)
        {
            var childPath = fileSystem.Path.Join(fullPath, name.Text);
            var childRelative = relativePath == "." ? name.Text : relativePath + "/" + name.Text;
            var entry = name.IsValidUtf8
                ? Inspect(childPath, childRelative, options)
                : WalkedEntry.Unreadable(childPath, childRelative,
                    "the name is not valid UTF-8, so it cannot be stored byte for byte; rename it or exclude it");
            if (!IsExcluded(entry, options))
            {
                children.Add(entry);
            }
        }

        children.Sort((a, b) => PathComparer.Instance.Compare(SortKey(a), SortKey(b)));
        return new WalkedEntry(fullPath, relativePath, status, null);
    }

    private WalkedEntry Inspect(string fullPath, string relativePath, WalkOptions options)
    {
        var length = Encoding.UTF8.GetByteCount(relativePath);
        if (length > options.MaxRelativePathBytes)
        {
            return WalkedEntry.Unreadable(fullPath, relativePath, $"the path is {length:N0} bytes long, and with the "
                + $"snapshot folder in front it would pass the {PathMaxBytes:N0}-byte path limit of Linux (PATH_MAX)");
        }

        EntryStatus status;
        try
        {
            status = posix.GetStatus(fullPath);
        }
        catch (FileNotFoundException)
        {
            _logger.Warning(VanishedTemplate, fullPath);
            return WalkedEntry.Gone(fullPath, relativePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return WalkedEntry.Unreadable(fullPath, relativePath, $"cannot read its status: {Reason(exception)}");
        }

        return status.Kind == EntryKind.Symlink ? InspectLink(fullPath, relativePath, status, options)
            : new WalkedEntry(fullPath, relativePath, status, null);
    }

    private WalkedEntry InspectLink(string fullPath, string relativePath, EntryStatus status, WalkOptions options)
    {
        EntryName target;
        try
        {
            target = posix.ReadLinkTarget(fullPath);
        }
        catch (FileNotFoundException)
        {
            _logger.Warning(VanishedTemplate, fullPath);
            return WalkedEntry.Gone(fullPath, relativePath);
        }

        if (!target.IsValidUtf8)
        {
            return WalkedEntry.Unreadable(fullPath, relativePath,
                $"the symlink target '{target.Text}' is not valid UTF-8, so it cannot be stored byte for byte");
        }

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

        return new WalkedEntry(fullPath, relativePath, status, target.Text);
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
        return new WalkedEntry(entry.FullPath, entry.RelativePath, status, posix.ReadLinkTarget(entry.FullPath).Text);
    }

    private static string SortKey(WalkedEntry entry) =>
        entry.Status.Kind == EntryKind.Directory ? entry.RelativePath + "/" : entry.RelativePath;

    private static string Reason(Exception exception) =>
        exception is UnauthorizedAccessException or AccessDeniedException ? "permission denied" : exception.Message;
}
