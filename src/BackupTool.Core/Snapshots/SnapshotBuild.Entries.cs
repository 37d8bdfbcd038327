using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using BackupTool.Core.Walking;

namespace BackupTool.Core.Snapshots;

internal sealed partial class SnapshotBuild
{
    private PendingEntry Start(WalkedEntry entry, CopyLanes lanes)
    {
        var kind = entry.Status.Kind;
        if (entry.Vanished)
        {
            return new PendingEntry(entry);
        }

        if (kind == EntryKind.Directory)
        {
            fileSystem.Directory.CreateDirectory(DataPathOf(entry.RelativePath));
            return new PendingEntry(entry);
        }

        if (entry.Problem is not null)
        {
            return new PendingEntry(entry);
        }

        if (kind == EntryKind.Symlink)
        {
            var link = DataPathOf(entry.RelativePath);
            fileSystem.File.CreateSymbolicLink(link, entry.LinkTarget!);
            ApplyMetadata(link, entry.Status, setMode: false);
            return new PendingEntry(entry);
        }

        if (kind != EntryKind.File)
        {
            return new PendingEntry(entry);
        }

        if (entry.Status.LinkCount > 1)
        {
            var inode = (entry.Status.Device, entry.Status.Inode);
            if (_firstLinks.TryGetValue(inode, out var first))
            {
                return new PendingEntry(entry, HardLinkOf: first);
            }

            var pending = new PendingEntry(entry, lanes.Post(entry));
            _firstLinks[inode] = pending;
            return pending;
        }

        return new PendingEntry(entry, lanes.Post(entry));
    }

    private FileOutcome CopyFile(WalkedEntry entry, CancellationToken cancellation)
    {
        var target = DataPathOf(entry.RelativePath);
        var before = entry.Status;
        CopyResult result;
        try
        {
            result = _copier.Copy(entry.FullPath, target, sparse: before.AllocatedBytes < before.Size, cancellation,
                readBack: true, expectedLength: before.Size);
        }
        catch (SourceReadException exception)
        {
            DeleteIfPresent(target);
            return exception.Vanished ? new FileOutcome(null, Vanished: true) : new FileOutcome(null, exception.Reason);
        }

        var changed = result.Length != before.Size || HasChanged(entry.FullPath, before);
        if (result.ReadBackMatches != true)
        {
            throw new CopyMismatchException(entry.RelativePath);
        }

        ApplyMetadata(target, before, setMode: true);
        _flush?.Copied(result.Length);
        logger.Verbose(CopiedTemplate, entry.FullPath, result.Length);
        return new FileOutcome(result, Changed: changed);
    }

    private bool HasChanged(string path, EntryStatus before)
    {
        try
        {
            // A followed symlink was walked as its target, so its target's status is the one to compare.
            var after = posix.GetStatus(path, plan.Walk.FollowSymlinks);
            return after.Size != before.Size || after.ModifiedTime != before.ModifiedTime;
        }
        catch (FileNotFoundException)
        {
            return true;
        }
    }

    private TreeEntry? Record(PendingEntry pending, FileOutcome? outcome)
    {
        var entry = pending.Entry;
        var status = entry.Status;
        if (entry.Vanished)
        {
            _contents.Warnings.Add(new SnapshotIssue(entry.RelativePath,
                "vanished while the tree was walked; not in the snapshot"));
            return null;
        }

        if (entry.Problem is not null && !RecordProblem(entry))
        {
            return null;
        }

        switch (status.Kind)
        {
            case EntryKind.Directory:
                if (entry.RelativePath != TreeEntry.RootPath)
                {
                    _contents.Directories++;
                }

                var folder = ToTreeEntry(entry, 0, null);
                _directories.Add(folder);
                return folder;
            case EntryKind.Symlink:
                _contents.Symlinks++;
                return ToTreeEntry(entry, status.Size, null);
            case EntryKind.File:
                return RecordFile(pending, outcome);
            default:
                _contents.Warnings.Add(new SnapshotIssue(entry.RelativePath,
                    $"{Describe(status.Kind)} recorded in {TreeMetadataFormat.FileName} but not copied"));
                return ToTreeEntry(entry, 0, null);
        }
    }

    private bool RecordProblem(WalkedEntry entry)
    {
        var issue = new SnapshotIssue(entry.RelativePath, entry.Problem!);
        (plan.SkipUnreadable ? _contents.Skipped : _unreadable).Add(issue);

        // A folder that cannot be listed is still recorded, so its mode and time come back on restore.
        // Any other entry with a problem has no status to record.
        return entry.Status.Kind == EntryKind.Directory;
    }

    private TreeEntry? RecordFile(PendingEntry pending, FileOutcome? outcome)
    {
        var entry = pending.Entry;
        if (pending.HardLinkOf is { } first)
        {
            outcome = first.Copy!.Result;
            if (outcome.Result is not null)
            {
                posix.CreateHardLink(DataPathOf(first.Entry.RelativePath), DataPathOf(entry.RelativePath));
            }
        }

        if (outcome!.Vanished)
        {
            _contents.Warnings.Add(new SnapshotIssue(entry.RelativePath, "vanished before it could be copied; not in the snapshot"));
            return null;
        }

        if (outcome.Result is null)
        {
            var issue = new SnapshotIssue(entry.RelativePath, outcome.Problem!);
            (plan.SkipUnreadable ? _contents.Skipped : _unreadable).Add(issue);
            return null;
        }

        if (outcome.Changed && pending.HardLinkOf is null)
        {
            _contents.Warnings.Add(new SnapshotIssue(entry.RelativePath,
                "changed while it was read; the snapshot holds the bytes as read"));
        }

        _contents.Files++;
        _contents.Bytes += outcome.Result.Length;
        ReportProgress();
        return ToTreeEntry(entry, outcome.Result.Length, pending.HardLinkOf?.Entry.RelativePath);
    }

    private static string[] DigestsOf(PendingEntry pending, FileOutcome? outcome) =>
        (outcome ?? pending.HardLinkOf!.Copy!.Result).Result!.Digests;

    private static TreeEntry ToTreeEntry(WalkedEntry entry, long size, string? hardLinkOf)
    {
        var status = entry.Status;
        return new TreeEntry(status.Kind, entry.RelativePath, status.Mode, status.ModifiedTime, size,
            status.UserId, status.GroupId, entry.LinkTarget, hardLinkOf);
    }

    private void ApplyDirectoryMetadata()
    {
        for (var i = _directories.Count - 1; i >= 0; i--)
        {
            var folder = _directories[i];
            var path = DataPathOf(folder.Path);
            var status = new EntryStatus(EntryKind.Directory, folder.Mode, 0, 0, folder.ModifiedTime, 0, 0, 1,
                folder.UserId, folder.GroupId);
            ApplyMetadata(path, status, setMode: true);
        }
    }

    private void ApplyMetadata(string path, EntryStatus status, bool setMode)
    {
        if (_setOwners)
        {
            posix.SetOwner(path, status.UserId, status.GroupId);
        }

        if (setMode && !OperatingSystem.IsWindows())
        {
            fileSystem.File.SetUnixFileMode(path, (UnixFileMode)status.Mode);
        }

        posix.SetModifiedTime(path, status.ModifiedTime);
    }

    private void DeleteIfPresent(string path)
    {
        if (fileSystem.File.Exists(path))
        {
            fileSystem.File.Delete(path);
        }
    }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Fifo => "named pipe",
        EntryKind.Socket => "socket",
        EntryKind.CharacterDevice => "character device",
        EntryKind.BlockDevice => "block device",
        _ => kind.ToString(),
    };
}
