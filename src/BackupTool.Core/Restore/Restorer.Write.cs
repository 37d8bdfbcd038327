using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

public sealed partial class Restorer
{
    // Bytes of files whose size the bag does not record, counted while they are written.
    private long _unrecordedBytes;

    // Only root may give files to other users, as cp -a does; the emulated file system has no owners.
    private bool SetsOwners => posix is PosixFileSystem && PosixFileSystem.IsRoot;

    private async Task WriteAsync(RestoreSource source, string target, bool streaming, RestoreResult result,
        CancellationToken cancellation)
    {
        var createdTarget = !fileSystem.Directory.Exists(target);
        fileSystem.Directory.CreateDirectory(target);
        RemoveLeftoverStaging(target);
        var staging = RelativePaths.Join(target, StagingPrefix + Guid.NewGuid().ToString("N")[..12] + SnapshotLayout.PartialSuffix);
        fileSystem.Directory.CreateDirectory(staging);
        _logger.Debug("Staging the restore in {StagingPath}", staging);
        var restored = false;
        try
        {
            _unrecordedBytes = 0;
            using var index = streaming
                ? new StreamingPayloadIndex(source.Payload)
                : (IPayloadIndex)DictionaryPayloadIndex.Load(source.Payload, cancellation);
            var directories = await StageAsync(source, index, staging, cancellation);
            new TargetMerger(fileSystem, posix).MoveAll(staging, target);
            RemoveStaging(staging, null);
            FinishDirectories(target, directories);
            result.Bytes += _unrecordedBytes;
            result.Status = RestoreStatus.Restored;
            restored = true;
        }
        catch (PayloadDamageException exception)
        {
            _logger.Error("Payload file {PayloadPath} failed its check: {Reason}", exception.PayloadPath, exception.Message);
            result.Problems.Add(exception.Message);
            result.Status = RestoreStatus.Failed;
        }
        finally
        {
            // A target this run created is removed again only when the restore failed, so an empty
            // snapshot still restores to an empty folder.
            RemoveStaging(staging, createdTarget && !restored ? target : null);
        }
    }

    private async Task<List<DirectoryMetadata>> StageAsync(RestoreSource source, IPayloadIndex index, string staging,
        CancellationToken cancellation)
    {
        var directories = new List<DirectoryMetadata>();
        var links = new List<TreeEntry>();
        var symlinks = new List<TreeEntry>();
        var files = ProduceFiles(source, index, staging, directories, links, symlinks);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        await Parallel.ForEachAsync(files, options, (file, token) =>
        {
            WriteFile(source, staging, file.Entry, file.Digests, token);
            return ValueTask.CompletedTask;
        });

        foreach (var link in links)
        {
            cancellation.ThrowIfCancellationRequested();
            posix.CreateHardLink(RelativePaths.Join(staging, link.HardLinkOf!), RelativePaths.Join(staging, link.Path));
        }

        foreach (var symlink in symlinks)
        {
            cancellation.ThrowIfCancellationRequested();
            CreateSymlink(staging, symlink);
        }

        return directories;
    }

    // Runs on one thread at a time, inside the parallel loop's enumeration, so directories exist
    // before any file in them is written.
    private IEnumerable<(TreeEntry Entry, string[] Digests)> ProduceFiles(RestoreSource source, IPayloadIndex index,
        string staging, List<DirectoryMetadata> directories, List<TreeEntry> links, List<TreeEntry> symlinks)
    {
        string? lastParent = null;
        foreach (var entry in source.ReadEntries(fileSystem))
        {
            if (entry.Kind == EntryKind.Directory)
            {
                if (entry.Path != TreeEntry.RootPath)
                {
                    fileSystem.Directory.CreateDirectory(RelativePaths.Join(staging, entry.Path));
                }

                directories.Add(new DirectoryMetadata(entry.Path, entry.Mode, entry.ModifiedTime, entry.UserId, entry.GroupId));
                continue;
            }

            var parent = RelativePaths.Parent(entry.Path);
            if (parent is not null && parent != lastParent)
            {
                fileSystem.Directory.CreateDirectory(RelativePaths.Join(staging, parent));
                lastParent = parent;
            }

            if (entry.Kind == EntryKind.Symlink)
            {
                symlinks.Add(entry);
            }
            else if (entry.Kind == EntryKind.File && entry.HardLinkOf is not null)
            {
                links.Add(entry);
            }
            else if (entry.Kind == EntryKind.File)
            {
                var digests = index.Claim(entry.Path)
                    ?? throw new PayloadDamageException(entry.Path, $"data/{entry.Path} is no longer in the payload manifest");
                yield return (entry, digests);
            }
        }
    }

    private void WriteFile(RestoreSource source, string staging, TreeEntry entry, string[] expected,
        CancellationToken cancellation)
    {
        var dataPath = source.DataPath(entry.Path);
        var status = posix.GetStatus(dataPath);
        if (status.Kind != EntryKind.File)
        {
            throw new PayloadDamageException(entry.Path,
                $"data/{entry.Path} is a {KindName(status.Kind)} in the snapshot, not a regular file; the snapshot is damaged");
        }

        var stagedPath = RelativePaths.Join(staging, entry.Path);
        var payload = source.Payload;
        var (digests, length) = new SparseCopier(fileSystem).Copy(dataPath, stagedPath, payload.Algorithms, cancellation);
        CheckDigests(entry.Path, payload.Algorithms, expected, digests);
        if (source.HasTreeMetadata)
        {
            ApplyOwner(stagedPath, entry.UserId, entry.GroupId);
            ApplyMode(stagedPath, entry.Mode);
            posix.SetModifiedTime(stagedPath, entry.ModifiedTime);
        }

        _logger.Verbose("Restored {TargetPath}, {Bytes} bytes", entry.Path, length);
        if (entry.Size < 0)
        {
            Interlocked.Add(ref _unrecordedBytes, length);
        }
    }

    private static void CheckDigests(string path, IReadOnlyList<ChecksumAlgorithm> algorithms,
        string[] expected, string[] actual)
    {
        for (var i = 0; i < algorithms.Count; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                throw new PayloadDamageException(path, $"data/{path} does not match its {algorithms[i].ManifestName()} "
                    + $"manifest entry: expected {expected[i]}, read {actual[i]}; the restore was stopped and "
                    + "its staged files removed");
            }
        }
    }

    private void CreateSymlink(string staging, TreeEntry symlink)
    {
        var path = RelativePaths.Join(staging, symlink.Path);
        fileSystem.File.CreateSymbolicLink(path, symlink.LinkTarget!);

        // The emulated file system follows links when it sets times, which would write through the link.
        if (posix is PosixFileSystem)
        {
            ApplyOwner(path, symlink.UserId, symlink.GroupId);
            posix.SetModifiedTime(path, symlink.ModifiedTime);
        }
    }

    // Runs before the mode is set, because changing the owner clears the set-user-ID and set-group-ID bits.
    private void ApplyOwner(string path, int userId, int groupId)
    {
        if (SetsOwners)
        {
            posix.SetOwner(path, userId, groupId);
        }
    }

    private void ApplyMode(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            fileSystem.File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
    }

    private void FinishDirectories(string target, List<DirectoryMetadata> directories)
    {
        var deepestFirst = directories
            .OrderByDescending(d => d.Path == TreeEntry.RootPath ? 0 : RelativePaths.Depth(d.Path));
        foreach (var directory in deepestFirst)
        {
            var path = RelativePaths.Join(target, directory.Path);
            ApplyOwner(path, directory.UserId, directory.GroupId);
            ApplyMode(path, directory.Mode);
            posix.SetModifiedTime(path, directory.ModifiedTime);
        }
    }

    private void RemoveLeftoverStaging(string target)
    {
        foreach (var folder in fileSystem.Directory.EnumerateDirectories(target, StagingPrefix + "*"))
        {
            if (IsStagingFolder(fileSystem.Path.GetFileName(folder)))
            {
                _logger.Warning("Removing {StagingPath}, left by an interrupted restore", folder);
                fileSystem.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void RemoveStaging(string staging, string? createdTarget)
    {
        if (fileSystem.Directory.Exists(staging))
        {
            fileSystem.Directory.Delete(staging, recursive: true);
        }

        if (createdTarget is not null && fileSystem.Directory.Exists(createdTarget)
            && !fileSystem.Directory.EnumerateFileSystemEntries(createdTarget).Any())
        {
            fileSystem.Directory.Delete(createdTarget);
        }
    }
}
