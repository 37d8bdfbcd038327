namespace BackupTool.Core.Hashing;

/// <summary>What one hashed copy produced.</summary>
/// <param name="Digests">Lowercase hex digests of the bytes written, one per algorithm in the copier's order.</param>
/// <param name="Length">Number of bytes written.</param>
public sealed record CopyResult(string[] Digests, long Length)
{
    /// <summary>
    /// Whether every block read back from the target equals the bytes hashed and written, or null
    /// when no read-back was requested.
    /// </summary>
    public bool? ReadBackMatches { get; init; }
}
