namespace BackupTool.Core.Snapshots;

/// <summary>Counts and notes gathered while a snapshot's payload is written.</summary>
internal sealed class SnapshotContents
{
    public long Files { get; set; }

    public long Directories { get; set; }

    public long Symlinks { get; set; }

    public long Bytes { get; set; }

    public List<SnapshotIssue> Warnings { get; } = [];

    public List<SnapshotIssue> Skipped { get; } = [];

    public List<string> UncheckableNames { get; } = [];

    public SnapshotResult ToResult(SnapshotPlan plan, TimeSpan duration) => new(
        plan.FinalPath, plan.SourcePath, Files, Directories, Symlinks, Bytes, duration, plan.Algorithms,
        plan.Durable, plan.ExcludedDestination, Warnings, Skipped, UncheckableNames);
}
