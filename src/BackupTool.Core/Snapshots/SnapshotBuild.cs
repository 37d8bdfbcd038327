using System.IO.Abstractions;
using System.Text;
using System.Threading.Channels;
using BackupTool.Core.Hashing;
using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using BackupTool.Core.Walking;
using Serilog;

namespace BackupTool.Core.Snapshots;

/// <summary>Writes the payload, manifests and tree metadata of one snapshot into its partial folder.</summary>
/// <remarks>
/// The walk runs on one task and posts each file to <see cref="CopyLanes"/>, one worker per core. A
/// bounded queue hands the entries, in walk order, to the writer, which waits for each copy and
/// appends its manifest and metadata lines. So lines come out sorted while copies overlap, and
/// memory is bounded by the queue, whatever the size of the tree.
/// </remarks>
internal sealed partial class SnapshotBuild(
    IFileSystem fileSystem, IPosixFileSystem posix, ILogger logger, SnapshotPlan plan, IProgress<CreateProgress>? progress)
{
    private const int QueueCapacity = 4096;
    private const string CopiedTemplate = "Copied {SourcePath} ({Bytes} bytes)";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly HashingCopier _copier = new(fileSystem, plan.Algorithms, plan.Durable ? posix : null);
    private readonly BackgroundFlush? _flush =
        plan.Durable ? new BackgroundFlush(posix, plan.PartialPath, BackgroundFlush.DefaultInterval) : null;
    private readonly SnapshotContents _contents = new();
    private readonly List<SnapshotIssue> _unreadable = [];
    private readonly List<TreeEntry> _directories = [];
    private readonly Dictionary<(ulong, ulong), PendingEntry> _firstLinks = [];
    private readonly bool _setOwners = PosixFileSystem.IsRoot;

    /// <summary>Copies the tree and writes the manifests and <c>backup-tree.tsv</c>.</summary>
    /// <exception cref="UnreadableSourceException">Entries could not be read and skipping was not asked for.</exception>
    public async Task<SnapshotContents> RunAsync(CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var queue = Channel.CreateBounded<PendingEntry>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
        var lanes = new CopyLanes(Environment.ProcessorCount, entry => CopyFile(entry, linked.Token), linked.Token);

        var producer = Task.Run(() => ProduceAsync(queue.Writer, lanes, linked.Token), linked.Token);
        try
        {
            await ConsumeAsync(queue.Reader, linked.Token);
        }
        catch
        {
            await linked.CancelAsync();
            await Task.WhenAny(producer);
            await lanes.CompleteAsync();
            WaitForFlush();
            throw;
        }

        await producer;
        await lanes.CompleteAsync();
        _flush?.Finish();
        ApplyDirectoryMetadata();
        if (_unreadable.Count > 0)
        {
            throw new UnreadableSourceException(_unreadable);
        }

        return _contents;
    }

    // After a failure the partial folder is removed, and a flush still writing it would only slow that
    // down. Its own error, if any, matters less than the one being thrown.
    private void WaitForFlush()
    {
        try
        {
            _flush?.Finish();
        }
        catch (IOException)
        {
        }
    }

    private async Task ProduceAsync(ChannelWriter<PendingEntry> queue, CopyLanes lanes, CancellationToken cancellation)
    {
        try
        {
            var walker = new TreeWalker(fileSystem, posix, logger);
            fileSystem.Directory.CreateDirectory(plan.DataPath);
            foreach (var entry in walker.Walk(plan.SourcePath, plan.Walk))
            {
                cancellation.ThrowIfCancellationRequested();
                var pending = Start(entry, lanes);
                await queue.WriteAsync(pending, cancellation);
            }

            queue.Complete();
        }
        catch (Exception exception)
        {
            queue.Complete(exception);
            throw;
        }
    }

    private async Task ConsumeAsync(ChannelReader<PendingEntry> queue, CancellationToken cancellation)
    {
        var manifests = plan.Algorithms
            .Select(a => OpenWriter(SnapshotLayout.ManifestFile(a)))
            .ToArray();
        await using var tree = OpenWriter(TreeMetadataFormat.FileName);
        await tree.WriteAsync(TreeMetadataFormat.Header + "\n" + TreeMetadataFormat.Columns + "\n");
        try
        {
            await foreach (var pending in queue.ReadAllAsync(cancellation))
            {
                var outcome = pending.Copy is null ? null : await pending.Copy;
                var record = Record(pending, outcome);
                if (record is null)
                {
                    continue;
                }

                await tree.WriteAsync(TreeMetadataFormat.FormatLine(record) + "\n");
                if (record.Kind == EntryKind.File)
                {
                    WriteManifestLines(manifests, record.Path, DigestsOf(pending, outcome));
                }
            }
        }
        finally
        {
            foreach (var manifest in manifests)
            {
                await manifest.DisposeAsync();
            }
        }
    }

    private void WriteManifestLines(StreamWriter[] manifests, string relativePath, string[] digests)
    {
        var encoded = ManifestPath.Encode(SnapshotLayout.DataFolder + "/" + relativePath);
        for (var i = 0; i < manifests.Length; i++)
        {
            manifests[i].Write(digests[i]);
            manifests[i].Write("  ");
            manifests[i].Write(encoded);
            manifests[i].Write('\n');
        }

        if (ManifestPath.IsUncheckableByMd5sum(relativePath))
        {
            _contents.UncheckableNames.Add(relativePath);
        }
    }

    private StreamWriter OpenWriter(string tagFile)
    {
        var stream = fileSystem.FileStream.New(fileSystem.Path.Combine(plan.PartialPath, tagFile), FileMode.CreateNew,
            FileAccess.Write, FileShare.None, 1 << 16);
        return new StreamWriter(stream, Utf8, 1 << 16);
    }

    private string DataPathOf(string relativePath) =>
        relativePath == TreeEntry.RootPath ? plan.DataPath : plan.DataPath + "/" + relativePath;

    private void ReportProgress()
    {
        progress?.Report(new CreateProgress(_contents.Files, _contents.Bytes));
    }
}
