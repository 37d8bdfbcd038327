using System.IO.Abstractions;

namespace BackupTool.Core.Auditing;

/// <summary>Lists the regular files of a tree with their sizes, never following symlinks.</summary>
/// <remarks>
/// Symlinks, and entries that are neither files nor directories, are skipped. A folder that cannot
/// be listed is recorded with the reason, and the scan goes on. One folder can be left out, so a
/// snapshot stored inside the audited tree is not reported as new files.
/// </remarks>
internal sealed class TreeScanner(IFileSystem fileSystem)
{
    /// <summary>Returns every regular file below <paramref name="rootPath"/>, a full path.</summary>
    public List<TreeFile> Scan(string rootPath, string? excluded, List<string> unreadable, CancellationToken cancellation)
    {
        var files = new List<TreeFile>();
        var excludedPath = excluded is null ? null : fileSystem.Path.GetFullPath(excluded).TrimEnd('/');
        var pending = new Stack<(IDirectoryInfo Directory, string RelativePath)>();
        pending.Push((fileSystem.DirectoryInfo.New(rootPath), ""));
        while (pending.TryPop(out var current))
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var entry in List(current.Directory, current.RelativePath, unreadable))
            {
                var relative = current.RelativePath.Length == 0 ? entry.Name : current.RelativePath + "/" + entry.Name;
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) || entry.FullName == excludedPath)
                {
                    continue;
                }

                if (entry is IDirectoryInfo directory)
                {
                    pending.Push((directory, relative));
                }
                else if (entry is IFileInfo file)
                {
                    files.Add(new TreeFile(relative, file.Length));
                }
            }
        }

        return files;
    }

    private static IEnumerable<IFileSystemInfo> List(IDirectoryInfo directory, string relativePath, List<string> unreadable)
    {
        try
        {
            return directory.EnumerateFileSystemInfos().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            unreadable.Add($"{(relativePath.Length == 0 ? "." : relativePath)}: {exception.Message}");
            return [];
        }
    }
}
