namespace BackupTool.Core.Tests.Support;

/// <summary>
/// Creates entries whose names are given as bash <c>printf %b</c> escapes, such as <c>bad\xff.txt</c>,
/// because .NET cannot pass a name that is not valid UTF-8 to the file system.
/// </summary>
public static class RawNames
{
    public static void CreateFile(string folder, string escapedName) =>
        Bash("cd \"$1\" && : > \"$(printf %b \"$2\")\"", folder, escapedName);

    public static void CreateDirectory(string folder, string escapedName) =>
        Bash("cd \"$1\" && mkdir -- \"$(printf %b \"$2\")\"", folder, escapedName);

    public static void CreateSymlink(string folder, string escapedTarget, string linkName) =>
        Bash("cd \"$1\" && ln -s -- \"$(printf %b \"$2\")\" \"$3\"", folder, escapedTarget, linkName);

    private static void Bash(string script, params string[] arguments) =>
        Shell.Run("bash", ["-c", script, "bash", .. arguments]);
}
