namespace BackupTool.Core.Posix;

/// <summary>An entry could not be read or written for lack of permission.</summary>
public sealed class AccessDeniedException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public AccessDeniedException(string message, string path)
        : base(message) => Path = path;

    /// <summary>The path that could not be accessed.</summary>
    public string Path { get; }
}
