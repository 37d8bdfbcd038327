using System.Diagnostics;
using System.IO.Abstractions;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using Serilog;

namespace BackupTool.Core.Snapshots;

/// <summary>Creates a verified snapshot of a folder: a BagIt bag holding an exact copy of the tree.</summary>
/// <remarks>
/// Pipeline: check the source and the name; remove a <c>.NAME.partial</c> folder that no live run
/// locks, left by a killed run; build in a new hidden <c>.NAME.partial</c> folder beside the final
/// one, locked while the run lasts; walk the source in manifest order, copying files in parallel
/// while hashing them and comparing each block of the copy, read back, with the source's; write
/// the manifests and <c>backup-tree.tsv</c> in walk order; set folder modes and times; write the
/// tag files; flush to disk; rename the folder into place; flush its parent. On any failure or
/// cancellation the partial folder is removed, so nothing that looks like a snapshot is left. The
/// source is only read. One instance may run several creations at once.
/// </remarks>
public sealed class SnapshotCreator(IFileSystem fileSystem, IPosixFileSystem posix, ILogger logger, TimeProvider? clock = null)
{
    private const string StartTemplate = "Creating snapshot of {SourcePath} in {TargetPath}";
    private const string DoneTemplate = "Published snapshot {TargetPath}: {@Summary}";
    private const string LeftoverTemplate = "Removing {TargetPath}, left by an interrupted run";
    private const string RemovedTemplate = "Removed the partial snapshot {TargetPath} after a failure";

    // errno values .NET puts in IOException.HResult on Linux: ENOSPC and EDQUOT.
    private const int DiskFull = 28;
    private const int QuotaExceeded = 122;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly ILogger _logger = logger.ForContext<SnapshotCreator>();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Creates the snapshot and returns what it holds.</summary>
    /// <exception cref="InvalidInputException">
    /// The source is missing, or the name is taken, invalid or being written by another run; nothing was written.
    /// </exception>
    /// <exception cref="UnreadableSourceException">Entries could not be read and skipping them was not asked for.</exception>
    /// <exception cref="IOException">Writing failed, for example because the disk is full.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; the partial folder is gone.</exception>
    public async Task<SnapshotResult> CreateAsync(
        SnapshotOptions options, IProgress<CreateProgress>? progress = null, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = SnapshotPlan.Prepare(fileSystem, posix, options, _clock.GetLocalNow());
        _logger.Information(StartTemplate, plan.SourcePath, plan.FinalPath);

        CreateDestination(plan.DestinationPath);
        RemoveLeftover(plan);
        IDisposable? runLock = null;
        try
        {
            fileSystem.Directory.CreateDirectory(plan.PartialPath);

            // Held until the run ends, so that another run can tell this folder from a leftover.
            runLock = posix.TryLock(plan.PartialPath) ?? throw AnotherRun(plan);
            // Source trees often hold secrets such as .env files and keys, so the snapshot is owner-only.
            if (!OperatingSystem.IsWindows())
            {
                fileSystem.File.SetUnixFileMode(plan.PartialPath, OwnerOnly);
            }

            var build = new SnapshotBuild(fileSystem, posix, _logger, plan, progress);
            var contents = await build.RunAsync(cancellation);
            new TagFileWriter(fileSystem, plan, _clock).Write(contents);
            Publish(plan);

            var result = contents.ToResult(plan, stopwatch.Elapsed);
            _logger.Information(DoneTemplate, plan.FinalPath, new { result.Files, result.Bytes, result.Duration });
            return result;
        }
        catch (Exception exception) when (IsWriteFailure(exception))
        {
            RemovePartial(plan.PartialPath);
            throw new IOException(DescribeWriteFailure(plan, exception), exception);
        }
        catch
        {
            RemovePartial(plan.PartialPath);
            throw;
        }
        finally
        {
            runLock?.Dispose();
        }
    }

    /// <summary>Removes a partial folder of the same name that no live run holds: a killed run left it.</summary>
    private void RemoveLeftover(SnapshotPlan plan)
    {
        if (!fileSystem.Directory.Exists(plan.PartialPath))
        {
            return;
        }

        using (var probe = posix.TryLock(plan.PartialPath))
        {
            if (probe is null)
            {
                throw AnotherRun(plan);
            }
        }

        _logger.Warning(LeftoverTemplate, plan.PartialPath);
        RemovePartial(plan.PartialPath);
    }

    private static InvalidInputException AnotherRun(SnapshotPlan plan) =>
        new($"'{plan.PartialPath}' is locked by another run writing a snapshot named '{plan.Name}'. "
            + "Wait for it to finish, or choose another --name.");

    private static bool IsWriteFailure(Exception exception) =>
        exception is (IOException or UnauthorizedAccessException)
            and not UnreadableSourceException and not CopyMismatchException;

    private static string DescribeWriteFailure(SnapshotPlan plan, Exception exception)
    {
        var advice = exception.HResult is DiskFull or QuotaExceeded
            ? "Free some space there, or pass another --dest."
            : exception is UnauthorizedAccessException or AccessDeniedException
                ? "Choose a folder you may write to with --dest."
                : "Check the destination and run again.";
        return $"Could not write the snapshot in '{plan.DestinationPath}': {exception.Message.TrimEnd('.')}. "
            + $"Nothing was published, the partial folder was removed and the source was not changed. {advice}";
    }

    private void CreateDestination(string destination)
    {
        try
        {
            fileSystem.Directory.CreateDirectory(destination);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException($"Cannot create or write the destination '{destination}': permission denied. "
                + "Choose a writable folder with --dest.", exception);
        }
    }

    private void Publish(SnapshotPlan plan)
    {
        if (plan.Durable)
        {
            posix.SyncFileSystem(plan.PartialPath);
        }

        fileSystem.Directory.Move(plan.PartialPath, plan.FinalPath);
        if (plan.Durable)
        {
            posix.SyncDirectory(plan.DestinationPath);
        }
    }

    private void RemovePartial(string partialPath)
    {
        try
        {
            if (!fileSystem.Directory.Exists(partialPath))
            {
                return;
            }

            // Folders copied without write permission must be made writable before they can be emptied.
            foreach (var folder in fileSystem.Directory.EnumerateDirectories(partialPath, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows() && fileSystem.FileInfo.New(folder).LinkTarget is null)
                {
                    fileSystem.File.SetUnixFileMode(folder, OwnerOnly);
                }
            }

            fileSystem.Directory.Delete(partialPath, recursive: true);
            _logger.Warning(RemovedTemplate, partialPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.Error(exception, "Could not remove the partial snapshot {TargetPath}", partialPath);
        }
    }
}
