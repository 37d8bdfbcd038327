using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using Serilog;

namespace BackupTool.Core.Restore;

/// <summary>Puts a snapshot's tree back into a folder, checking every byte against the manifest.</summary>
/// <remarks>
/// Pipeline: check the tag manifests and load the payload manifests. Read the tree metadata once to
/// check every path and plan what is created and overwritten. Build the tree in a hidden staging
/// folder inside the target: directories first, then files in parallel, each hashed while it is
/// written, then hard links and symlinks. Move the staged tree into place, and set directory modes
/// and times deepest first. A damaged or unsafe snapshot is rejected before anything is written.
/// After a digest mismatch, an error or a cancellation the staging folder is removed, so the target
/// contains what it contained before, plus any entries moved already when the failure came during
/// the final moves. One instance may run several restores, one at a time.
/// </remarks>
public sealed partial class Restorer(IFileSystem fileSystem, IPosixFileSystem posix, ILogger logger)
{
    /// <summary>The prefix of the hidden staging folder inside the target.</summary>
    public const string StagingPrefix = ".backup-restore-";

    private readonly ILogger _logger = logger.ForContext<Restorer>();

    /// <summary>Restores the snapshot named in <paramref name="request"/>.</summary>
    /// <exception cref="InvalidInputException">
    /// The snapshot is not a bag, the target is a file, lies inside the snapshot, is not empty and
    /// neither overwrite nor dry run was requested, or has a directory where the snapshot has a file.
    /// Nothing has been written.
    /// </exception>
    /// <exception cref="IOException">Reading or writing failed; the staging folder has been removed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the staging folder has been removed.</exception>
    public async Task<RestoreResult> RestoreAsync(RestoreRequest request, CancellationToken cancellation = default)
    {
        _logger.Information("Restoring {SnapshotPath} to {TargetPath}", request.SnapshotPath, request.TargetPath);

        // Relative paths would make every file operation look up the working directory again.
        request = request with
        {
            SnapshotPath = fileSystem.Path.GetFullPath(request.SnapshotPath),
            TargetPath = fileSystem.Path.GetFullPath(request.TargetPath),
        };
        var result = new RestoreResult();
        var source = RestoreSource.Open(fileSystem, request.SnapshotPath, result.Problems, result.Warnings, cancellation);
        if (source is null)
        {
            result.Status = RestoreStatus.Rejected;
            return result;
        }

        WarnIfIncomplete(source, result);
        if (!source.HasTreeMetadata)
        {
            result.Warnings.Add($"the bag has no {TreeMetadataFormat.FileName}: modes, times, empty directories "
                + "and symlinks were not recorded, so only payload files are restored");
        }

        // A dry run lists why the restore itself would be rejected instead of throwing, and reports Blocked.
        var blockers = new List<string>();
        var targetHasEntries = InspectTarget(request, blockers);
        var streaming = Plan(source, request, targetHasEntries, result, cancellation);
        if (result.Conflicts.Count > 0 && result.Problems.Count == 0)
        {
            var conflicts = $"Target '{request.TargetPath}' has directories where the snapshot has files: "
                + $"{string.Join("; ", result.Conflicts.Take(5))}{(result.Conflicts.Count > 5 ? "; ..." : "")}. "
                + "Move them away or restore into another folder.";
            if (!request.DryRun)
            {
                throw new InvalidInputException(conflicts);
            }

            blockers.Add(conflicts);
        }

        if (result.Problems.Count > 0 || request.DryRun)
        {
            result.Status = result.Problems.Count > 0 ? RestoreStatus.Rejected
                : blockers.Count > 0 ? RestoreStatus.Blocked
                : RestoreStatus.Planned;
            if (result.Status == RestoreStatus.Blocked)
            {
                result.Problems.AddRange(blockers);
            }

            return result;
        }

        await WriteAsync(source, request.TargetPath, streaming, result, cancellation);
        _logger.Information("Restored {Files} files, {Bytes} bytes to {TargetPath}: {Status}",
            result.Files, result.Bytes, request.TargetPath, result.Status);
        return result;
    }

    private bool InspectTarget(RestoreRequest request, List<string> blockers)
    {
        var target = request.TargetPath;
        var snapshot = request.SnapshotPath.TrimEnd('/');
        // The paths are compared by where their symlinks lead, because a target reached through a
        // symlink into the snapshot would otherwise write into the snapshot's data.
        if (PhysicalPath.IsSameOrInside(PhysicalPath.Resolve(fileSystem, target), PhysicalPath.Resolve(fileSystem, snapshot)))
        {
            throw new InvalidInputException($"Target '{target}' lies inside the snapshot '{snapshot}', and a restore "
                + "there would change the snapshot. Pass a folder outside it.");
        }

        if (fileSystem.File.Exists(target))
        {
            throw new InvalidInputException($"Target '{target}' is a file. Pass a folder that is empty or does not exist.");
        }

        if (!fileSystem.Directory.Exists(target))
        {
            return false;
        }

        var occupied = fileSystem.Directory.EnumerateFileSystemEntries(target)
            .Any(entry => !IsStagingFolder(fileSystem.Path.GetFileName(entry)));
        if (occupied && !request.Overwrite)
        {
            var notEmpty = $"Target '{target}' is not empty. Pass an empty or new folder, "
                + "or add --overwrite to replace the files that exist.";
            if (!request.DryRun)
            {
                throw new InvalidInputException(notEmpty);
            }

            blockers.Add(notEmpty);
        }

        return occupied;
    }

    private void WarnIfIncomplete(RestoreSource source, RestoreResult result)
    {
        var info = BagInfo.Read(fileSystem, source.BagPath, source.Declaration);
        var incomplete = info?.Find(SnapshotLayout.IncompleteLabel)?.Value;
        if (string.Equals(incomplete, "true", StringComparison.OrdinalIgnoreCase))
        {
            var skipped = info!.Values(SnapshotLayout.SkippedPathLabel).Count();
            result.Warnings.Add($"the snapshot is marked incomplete: {skipped} paths were skipped when it was "
                + $"created and cannot be restored; {SnapshotLayout.BagInfoFile} lists them");
        }
    }

    private static string KindName(EntryKind kind) => kind switch
    {
        EntryKind.File => "regular file",
        EntryKind.Symlink => "symlink",
        EntryKind.Fifo => "named pipe",
        EntryKind.CharacterDevice => "character device",
        EntryKind.BlockDevice => "block device",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static bool IsStagingFolder(string? name) =>
        name is not null && name.StartsWith(StagingPrefix, StringComparison.Ordinal)
        && name.EndsWith(SnapshotLayout.PartialSuffix, StringComparison.Ordinal);
}
