using System.IO.Abstractions;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Auditing;

/// <summary>Lists the regular files of a tree with their sizes, never following symlinks.</summary>
/// <remarks>
/// Symlinks, and entries that are neither files nor directories (pipes, sockets, devices), are
/// skipped. A folder that cannot be listed, an entry whose status cannot be read, and a name that
/// is not valid UTF-8 are recorded with the reason, and the scan goes on. One folder can be left
/// out, so a snapshot stored inside the audited tree is not reported as new files.
/// </remarks>
internal sealed class TreeScanner(IFileSystem fileSystem, IPosixFileSystem posix)
{
    /// <summary>
    /// Returns every regular file below <paramref name="rootPath"/>, a full path, and stores each
    /// file's path relative to it in <paramref name="paths"/>.
    /// </summary>
    public List<TreeFile> Scan(string rootPath, string? excluded, Utf8PathTable paths, List<string> unreadable,
        CancellationToken cancellation)
    {
        var files = new List<TreeFile>();
        var excludedPath = excluded is null ? null : FullPath(excluded);
        var pending = new Stack<(string FullPath, string RelativePath)>();
        pending.Push((rootPath, ""));
        while (pending.TryPop(out var current))
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var name in List(current.FullPath, current.RelativePath, unreadable))
            {
                var relative = current.RelativePath.Length == 0 ? name.Text : current.RelativePath + "/" + name.Text;
                var fullPath = fileSystem.Path.Join(current.FullPath, name.Text);
                if (fullPath == excludedPath)
                {
                    continue;
                }

                if (!name.IsValidUtf8)
                {
                    unreadable.Add($"{relative}: the name is not valid UTF-8, so it cannot be compared byte for byte");
                    continue;
                }

                var status = ReadStatus(fullPath, relative, unreadable);
                if (status?.Kind == EntryKind.Directory)
                {
                    pending.Push((fullPath, relative));
                }
                else if (status?.Kind == EntryKind.File)
                {
                    files.Add(new TreeFile(paths.Add(relative), status.Value.Size));
                }
            }
        }

        return files;
    }

    private string FullPath(string path)
    {
        var full = fileSystem.Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private IReadOnlyList<EntryName> List(string fullPath, string relativePath, List<string> unreadable)
    {
        try
        {
            return posix.ListDirectory(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            unreadable.Add($"{(relativePath.Length == 0 ? "." : relativePath)}: {exception.Message}");
            return [];
        }
    }

    private EntryStatus? ReadStatus(string fullPath, string relativePath, List<string> unreadable)
    {
        try
        {
            return posix.GetStatus(fullPath);
        }
        catch (FileNotFoundException)
        {
            // Deleted since the folder was listed: it is not in the tree any more.
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            unreadable.Add($"{relativePath}: {exception.Message}");
            return null;
        }
    }
}
