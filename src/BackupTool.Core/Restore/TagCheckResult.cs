namespace BackupTool.Core.Restore;

/// <summary>The outcome of checking a bag's tag files against its tag manifests.</summary>
/// <param name="Problems">Each damaged, missing or unlisted tag file, in words; empty when intact.</param>
/// <param name="Warnings">What could not be checked, such as a bag without a tag manifest.</param>
public sealed record TagCheckResult(IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether no tag file is damaged.</summary>
    public bool IsIntact => Problems.Count == 0;
}
