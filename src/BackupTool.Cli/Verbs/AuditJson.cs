using BackupTool.Core.Auditing;
using BackupTool.Core.Hashing;

namespace BackupTool.Cli.Verbs;

/// <summary>The <c>--json</c> object of <c>backup verify SNAPSHOT --against TREE</c>.</summary>
/// <remarks>The file lists are the report's own, so each path is decoded once, while it is written.</remarks>
internal sealed record AuditJson(
    string Snapshot,
    string Tree,
    string Algorithm,
    bool Strict,
    bool Ok,
    AuditJson.FileCounts Counts,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<MovedFile> Moved,
    IReadOnlyList<ChangedFile> Modified,
    IReadOnlyList<ChangedFile> Missing,
    IReadOnlyList<string> New,
    IReadOnlyList<string> Unreadable,
    long HashedFiles,
    long HashedBytes,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Problems)
{
    public static AuditJson From(AuditReport report, VerifyOptions options, bool failed) => new(
        options.Snapshot,
        options.Against!,
        report.Algorithm.ManifestName(),
        options.Strict,
        !failed,
        new FileCounts(
            report.Unchanged.Count,
            report.Moved.Count,
            report.Modified.Count,
            report.Missing.Count,
            report.New.Count,
            report.Unreadable.Count),
        report.Unchanged,
        report.Moved,
        report.Modified,
        report.Missing,
        report.New,
        report.Unreadable,
        report.HashedFiles,
        report.HashedBytes,
        report.Warnings,
        report.Problems);

    /// <summary>The number of entries in each list.</summary>
    internal sealed record FileCounts(int Unchanged, int Moved, int Modified, int Missing, int New, int Unreadable);
}
