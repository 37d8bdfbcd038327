using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;

namespace BackupTool.Cli.Verbs;

/// <summary>The <c>--json</c> object of <c>backup create</c>.</summary>
internal sealed record CreateJson(
    string Snapshot,
    string Source,
    long Files,
    long Directories,
    long Symlinks,
    long Bytes,
    double DurationSeconds,
    double BytesPerSecond,
    IReadOnlyList<string> Algorithms,
    bool Durable,
    bool Complete,
    string? ExcludedDestination,
    IReadOnlyList<CreateJson.Issue> Warnings,
    IReadOnlyList<CreateJson.Issue> Skipped,
    IReadOnlyList<string> UncheckableByMd5sum)
{
    public static CreateJson From(SnapshotResult result) => new(
        result.SnapshotPath,
        result.SourcePath,
        result.Files,
        result.Directories,
        result.Symlinks,
        result.Bytes,
        Math.Round(result.Duration.TotalSeconds, 3),
        Math.Round(result.Bytes / Math.Max(result.Duration.TotalSeconds, 0.001)),
        result.Algorithms.Select(a => a.ManifestName()).ToList(),
        result.Durable,
        !result.IsIncomplete,
        result.ExcludedDestination,
        result.Warnings.Select(w => new Issue(w.Path, w.Message)).ToList(),
        result.Skipped.Select(s => new Issue(s.Path, s.Message)).ToList(),
        result.UncheckableNames);

    /// <summary>A source entry skipped or copied with a warning, its path relative to the source.</summary>
    internal sealed record Issue(string Path, string Message);
}
