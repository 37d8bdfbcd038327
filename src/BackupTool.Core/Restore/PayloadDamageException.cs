namespace BackupTool.Core.Restore;

/// <summary>A payload file does not match its manifest entry or is not a regular file.</summary>
public sealed class PayloadDamageException(string path, string message) : Exception(message)
{
    /// <summary>The payload path, relative to <c>data/</c>.</summary>
    public string PayloadPath { get; } = path;
}
