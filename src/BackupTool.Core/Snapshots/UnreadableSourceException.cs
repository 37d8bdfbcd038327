namespace BackupTool.Core.Snapshots;

/// <summary>Entries of the source could not be copied, so no snapshot was published.</summary>
/// <remarks>The partial snapshot folder has been removed when this is thrown.</remarks>
public sealed class UnreadableSourceException(IReadOnlyList<SnapshotIssue> problems)
    : IOException(Describe(problems))
{
    /// <summary>Every entry that could not be copied, with the reason.</summary>
    public IReadOnlyList<SnapshotIssue> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<SnapshotIssue> problems) =>
        $"{problems.Count} source {(problems.Count == 1 ? "entry" : "entries")} could not be copied, "
        + "so no snapshot was published:\n"
        + string.Join("\n", problems.Select(p => $"  {DisplayPath.Quote(p.Path)}: {p.Message}"))
        + "\nFix the permissions or names, exclude the paths with --exclude, or pass --skip-unreadable "
        + "to publish a snapshot marked incomplete.";
}
