using System.IO.Abstractions;

namespace BackupTool.Core;

/// <summary>Resolution of the symbolic links in a path, so that two paths can be compared by where they lead.</summary>
internal static class PhysicalPath
{
    // Linux gives up after 40 links in one lookup (ELOOP), and so does this.
    private const int MaxLinks = 40;

    /// <summary>
    /// Returns the absolute form of <paramref name="path"/> with every symbolic link among its
    /// existing components replaced by its target, as <c>realpath</c> does. Components past the
    /// first one that does not exist are kept as given. <c>..</c> in the given path is applied to the
    /// text before any link is resolved.
    /// </summary>
    /// <exception cref="IOException">The path passes through more than 40 symbolic links.</exception>
    public static string Resolve(IFileSystem fileSystem, string path)
    {
        var pending = new Stack<string>(Components(fileSystem.Path.GetFullPath(path)).Reverse());
        var resolved = "/";
        var links = 0;
        var exists = true;
        while (pending.Count > 0)
        {
            var next = Join(resolved, pending.Pop());
            var target = exists ? fileSystem.FileInfo.New(next).LinkTarget : null;
            if (target is null)
            {
                exists = exists && (fileSystem.Directory.Exists(next) || fileSystem.File.Exists(next));
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links in '{path}': check the links in that path for a loop.");
            }

            var absolute = fileSystem.Path.GetFullPath(target.StartsWith('/') ? target : Join(resolved, target));
            foreach (var component in Components(absolute).Reverse())
            {
                pending.Push(component);
            }

            resolved = "/";
        }

        return resolved;
    }

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies below it, both physical paths.</summary>
    public static bool IsSameOrInside(string inner, string outer) =>
        inner == outer || inner.StartsWith(outer.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static IEnumerable<string> Components(string absolute) =>
        absolute.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string folder, string name) => folder == "/" ? "/" + name : folder + "/" + name;
}
