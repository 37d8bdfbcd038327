namespace BackupTool.Core.Manifests;

/// <summary>Which line endings other than LF a tag file used.</summary>
public sealed class LineEndings
{
    /// <summary>Whether any line ended with CRLF.</summary>
    public bool CrLf { get; set; }

    /// <summary>Whether any line ended with a lone CR.</summary>
    public bool Cr { get; set; }
}
