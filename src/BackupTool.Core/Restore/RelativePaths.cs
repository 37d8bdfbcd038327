namespace BackupTool.Core.Restore;

/// <summary>Checks and joins the relative paths a snapshot's metadata and manifests name.</summary>
/// <remarks>
/// A path is safe when it is relative, uses <c>/</c> separators, and has no empty, <c>.</c> or
/// <c>..</c> component, so joining it to a folder can never leave that folder.
/// </remarks>
public static class RelativePaths
{
    /// <summary>Returns whether <paramref name="path"/> stays inside any folder it is joined to.</summary>
    public static bool IsSafe(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.Contains('\0'))
        {
            return false;
        }

        foreach (var component in path.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the parent of a relative path, or null for a top-level name.</summary>
    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    /// <summary>Returns the number of components of a relative path.</summary>
    public static int Depth(string path) => path.Count(c => c == '/') + 1;

    /// <summary>Joins a safe relative path with <c>/</c> separators to <paramref name="root"/>.</summary>
    public static string Join(string root, string path) =>
        path == Snapshots.TreeEntry.RootPath ? root : root.TrimEnd('/') + "/" + path;
}
