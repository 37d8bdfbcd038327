using System.Buffers;
using System.IO.Abstractions;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using BackupTool.Core.Restore;
using BackupTool.Core.Snapshots;
using Serilog;

namespace BackupTool.Core.Auditing;

/// <summary>Compares a live or migrated tree with a snapshot by content.</summary>
/// <remarks>
/// Pipeline: check the snapshot's tag files and load its payload manifest; collect the sizes of the
/// snapshot's files; list the tree; hash, in parallel and once each, only the tree files whose size
/// matches a snapshot file; then pair files with <see cref="ContentMatcher"/>. Only reads; safe to
/// call concurrently.
/// </remarks>
public sealed class TreeAuditor(IFileSystem fileSystem, IPosixFileSystem posix, ILogger logger)
{
    private const int BufferSize = 1 << 20;

    private readonly ILogger _logger = logger.ForContext<TreeAuditor>();

    /// <summary>Audits the tree named in <paramref name="request"/> against its snapshot.</summary>
    /// <exception cref="InvalidInputException">The tree or the snapshot does not exist, or the snapshot is no bag.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<AuditReport> AuditAsync(AuditRequest request, CancellationToken cancellation = default)
    {
        if (!fileSystem.Directory.Exists(request.TreePath))
        {
            throw new InvalidInputException($"Tree '{request.TreePath}' not found. Pass the folder to audit after --against.");
        }

        var report = new AuditReport();
        var source = RestoreSource.Open(fileSystem, request.SnapshotPath, report.Problems, report.Warnings, cancellation);
        if (source is null)
        {
            return report;
        }

        _logger.Information("Auditing {TreePath} against {SnapshotPath}", request.TreePath, request.SnapshotPath);
        var index = StrongestAlgorithm(source.Payload.Algorithms);
        report.Algorithm = source.Payload.Algorithms[index];
        var snapshot = source.Payload.Files.ToDictionary(f => f.Key, f => f.Value.Digests[index], StringComparer.Ordinal);
        var sizes = SnapshotSizes(source, report);
        var treeFiles = new TreeScanner(fileSystem, posix).Scan(request.TreePath, request.SnapshotPath, report.Unreadable, cancellation);
        var candidates = treeFiles.Where(f => sizes is null || sizes.Contains(f.Size)).ToList();
        await HashAsync(candidates, report, cancellation);

        report.Unreadable.Sort(StringComparer.Ordinal);
        var tree = treeFiles.ToDictionary(f => f.Path, f => f.Digest, StringComparer.Ordinal);
        ContentMatcher.Match(snapshot, tree, report);
        _logger.Information("Audit of {TreePath}: {Unchanged} unchanged, {Moved} moved, {Modified} modified, "
            + "{Missing} missing, {New} new", request.TreePath, report.Unchanged.Count, report.Moved.Count,
            report.Modified.Count, report.Missing.Count, report.New.Count);
        return report;
    }

    private static int StrongestAlgorithm(IReadOnlyList<ChecksumAlgorithm> algorithms)
    {
        var strongest = 0;
        for (var i = 1; i < algorithms.Count; i++)
        {
            if (algorithms[i] > algorithms[strongest])
            {
                strongest = i;
            }
        }

        return strongest;
    }

    // Returns null when some size is unknown, so that every tree file must be hashed.
    private HashSet<long>? SnapshotSizes(RestoreSource source, AuditReport report)
    {
        var sizes = new HashSet<long>();
        if (source.TreePath is not null)
        {
            foreach (var entry in new TreeMetadataReader(fileSystem).Read(source.TreePath))
            {
                if (entry.Kind == EntryKind.File)
                {
                    sizes.Add(entry.Size);
                }
            }

            return sizes;
        }

        foreach (var path in source.Payload.Files.Keys)
        {
            var file = fileSystem.FileInfo.New(source.DataPath(path));
            if (!file.Exists)
            {
                report.Warnings.Add($"data/{path} is missing from the snapshot, so its size is unknown "
                    + "and every tree file was hashed");
                return null;
            }

            sizes.Add(file.Length);
        }

        return sizes;
    }

    private async Task HashAsync(List<TreeFile> files, AuditReport report, CancellationToken cancellation)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        var hashedFiles = 0L;
        var hashedBytes = 0L;
        await Parallel.ForEachAsync(files, options, (file, token) =>
        {
            var length = TryHash(file, report, token);
            if (length >= 0)
            {
                Interlocked.Increment(ref hashedFiles);
                Interlocked.Add(ref hashedBytes, length);
            }

            return ValueTask.CompletedTask;
        });
        report.HashedFiles = hashedFiles;
        report.HashedBytes = hashedBytes;
    }

    private long TryHash(TreeFile file, AuditReport report, CancellationToken cancellation)
    {
        try
        {
            // A named pipe listed as a file would block the read forever.
            if (posix.GetStatus(file.FullPath).Kind != EntryKind.File)
            {
                return -1;
            }

            return Hash(file, report.Algorithm, cancellation);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.Warning(exception, "Could not read {TreePath}", file.FullPath);
            lock (report.Unreadable)
            {
                report.Unreadable.Add($"{file.Path}: {exception.Message}");
            }

            return -1;
        }
    }

    private long Hash(TreeFile file, ChecksumAlgorithm algorithm, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hasher = new MultiHasher([algorithm]);
            using var stream = fileSystem.FileStream.New(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
                1, FileOptions.SequentialScan);
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                hasher.Append(buffer.AsSpan(0, read));
                length += read;
            }

            file.Digest = hasher.Finish()[0];
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
