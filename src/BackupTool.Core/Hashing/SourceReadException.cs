namespace BackupTool.Core.Hashing;

/// <summary>The source of a copy could not be opened or read; the target side did not fail.</summary>
public sealed class SourceReadException(string path, string reason, Exception inner)
    : IOException($"Could not read '{path}': {reason}.", inner)
{
    /// <summary>The source file.</summary>
    public string SourcePath { get; } = path;

    /// <summary>Why it could not be read, such as "permission denied".</summary>
    public string Reason { get; } = reason;

    /// <summary>Whether the file no longer existed when it was opened.</summary>
    public bool Vanished => InnerException is FileNotFoundException or DirectoryNotFoundException;
}
