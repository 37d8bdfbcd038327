using BackupTool.Core.Restore;

namespace BackupTool.Cli.Verbs;

/// <summary>The <c>--json</c> object of <c>backup restore</c>.</summary>
internal sealed record RestoreJson(
    string Snapshot,
    string Target,
    string Status,
    bool DryRun,
    long Files,
    long Bytes,
    long Directories,
    long Symlinks,
    long HardLinks,
    IReadOnlyList<string> WouldCreate,
    IReadOnlyList<string> WouldOverwrite,
    IReadOnlyList<string> Conflicts,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Problems)
{
    public static RestoreJson From(RestoreResult result, RestoreOptions options) => new(
        options.Snapshot,
        options.Target,
        result.Status.ToString().ToLowerInvariant(),
        options.DryRun,
        result.Files,
        result.Bytes,
        result.Directories,
        result.Symlinks,
        result.HardLinks,
        result.WouldCreate,
        result.WouldOverwrite,
        result.Conflicts,
        result.Warnings,
        result.Problems);
}
