namespace BackupTool.Core.Bags;

/// <summary>Checks that a path read from a tag file stays inside the bag.</summary>
/// <remarks>
/// Rejected: empty paths, absolute paths, <c>~</c> home-folder shortcuts, drive letters such as
/// <c>C:</c>, UNC or device paths starting with a backslash, NUL characters, and any <c>..</c>
/// segment, with <c>/</c> or <c>\</c> as separator. A rejected path must never be opened.
/// </remarks>
public static class BagPath
{
    /// <summary>Returns why <paramref name="path"/> leaves the bag, or null when it stays inside.</summary>
    public static string? FindEscape(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        if (path[0] is '/' or '\\')
        {
            return "the path is absolute or starts with a backslash";
        }

        if (path[0] == '~')
        {
            return "the path starts with '~', a home-folder shortcut";
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return "the path starts with a drive letter";
        }

        if (path.Contains('\0'))
        {
            return "the path contains a NUL character";
        }

        return path.Split('/', '\\').Contains("..") ? "the path contains a '..' segment" : null;
    }
}
