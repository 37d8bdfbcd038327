using System.Buffers;
using System.IO.Abstractions;
using System.Threading.Channels;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Verification;

public sealed partial class BagVerifier
{
    private const int BatchFiles = 1024;

    /// <remarks>
    /// The calling thread walks and merges while one worker per core hashes. Files travel in batches
    /// of up to <see cref="BatchFiles"/> files or <see cref="FileDigester.BufferSize"/> bytes, so a
    /// tree of small files pays one hand-over per batch and not one per file. A large file fills a
    /// batch on its own, so several large files are hashed side by side.
    /// </remarks>
    private async Task CheckFilesAsync(string bagPath, IEnumerable<PayloadItem> items, FileDigester digester,
        IReadOnlyList<ManifestFile> manifests, VerificationOptions options, VerificationFindings findings,
        CancellationToken cancellation)
    {
        var workerCount = Environment.ProcessorCount;
        var batches = Channel.CreateBounded<List<PayloadItem>>(
            new BoundedChannelOptions(workerCount * 2) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var work = new BatchWork(bagPath, digester, manifests, options, findings);
        var workers = Enumerable.Range(0, workerCount)
            .Select(_ => Task.Run(() => HashBatchesAsync(batches.Reader, work, stop), CancellationToken.None))
            .ToArray();
        var producer = SendBatchesAsync(items, batches.Writer, stop, cancellation);

        // The producer comes first so that an error from the walk or a manifest is the one rethrown.
        await Task.WhenAll(workers.Prepend(producer));
    }

    private static async Task SendBatchesAsync(IEnumerable<PayloadItem> items, ChannelWriter<List<PayloadItem>> writer,
        CancellationTokenSource stop, CancellationToken cancellation)
    {
        try
        {
            var batch = new List<PayloadItem>(BatchFiles);
            long batchBytes = 0;
            foreach (var item in items)
            {
                batch.Add(item);
                batchBytes += item.Length;
                if (batch.Count == BatchFiles || batchBytes >= FileDigester.BufferSize)
                {
                    await writer.WriteAsync(batch, stop.Token);
                    (batch, batchBytes) = (new List<PayloadItem>(BatchFiles), 0);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, stop.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // A worker failed and stopped the others; its exception is the one to report.
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task HashBatchesAsync(ChannelReader<List<PayloadItem>> reader, BatchWork work, CancellationTokenSource stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FileDigester.BufferSize);
        try
        {
            while (await reader.WaitToReadAsync(stop.Token))
            {
                while (reader.TryRead(out var batch))
                {
                    HashBatch(batch, work, buffer, stop.Token);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void HashBatch(List<PayloadItem> batch, BatchWork work, byte[] buffer, CancellationToken cancellation)
    {
        foreach (var item in batch)
        {
            cancellation.ThrowIfCancellationRequested();
            if (work.Options.Fast)
            {
                work.Findings.Counts.AddVerified(item.Length);
            }
            else
            {
                CheckFile(work.BagPath, item, work.Digester, work.Manifests, work.Findings, buffer, cancellation);
            }

            var checkedFiles = work.Findings.Counts.AddChecked();
            work.Options.Progress?.Report(new VerificationProgress(checkedFiles, work.Findings.Counts.BytesVerified));
        }
    }

    private sealed record BatchWork(string BagPath, FileDigester Digester, IReadOnlyList<ManifestFile> Manifests,
        VerificationOptions Options, VerificationFindings Findings);

    private void CheckFile(string bagPath, PayloadItem item, FileDigester digester,
        IReadOnlyList<ManifestFile> manifests, VerificationFindings findings, byte[] buffer, CancellationToken cancellation)
    {
        if (item.Length == 0)
        {
            // An empty file has nothing to read. Pipes, sockets and devices never get here: the
            // payload walk reports them as unexpected without opening them.
            CompareDigests(item, digester.EmptyDigests, 0, manifests, findings);
            return;
        }

        try
        {
            var fullPath = fileSystem.Path.Combine(bagPath, item.DiskPath);
            var (digests, length) = HashFile(fullPath, item.Length, digester, buffer, cancellation);
            CompareDigests(item, digests, length, manifests, findings);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            findings.Problem(ProblemKind.Missing, item.Path, item.FirstListing().Entry.Line, "vanished while it was being checked");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.Error(exception, "Could not read {PayloadPath}", item.DiskPath);
            findings.Problem(ProblemKind.Unreadable, item.Path, null, $"could not be read: {exception.Message}");
        }
    }

    private (string[] Digests, long Length) HashFile(
        string fullPath, long length, FileDigester digester, byte[] buffer, CancellationToken cancellation)
    {
        // Read-ahead advice costs a system call per file, which only pays off for large files.
        var sequential = length >= FileDigester.BufferSize;
        if (fileSystem is FileSystem && _posix is PosixFileSystem native
            && native.TryOpenForReading(fullPath, sequential) is { } nativeHandle)
        {
            // This costs only open and pread, where .NET adds an fstat per file. After a failed read
            // the file is read again below, so the error is reported with .NET's message.
            using (nativeHandle)
            {
                if (digester.TryHash(native, nativeHandle, length, buffer, cancellation) is { } result)
                {
                    return result;
                }
            }
        }

        var hint = sequential ? FileOptions.SequentialScan : FileOptions.None;
        if (fileSystem is FileSystem)
        {
            // A bare handle skips the stream object and the seeks and stats a stream makes per file.
            using var handle = fileSystem.File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, hint);
            return digester.Hash(handle, length, buffer, cancellation);
        }

        using var stream = fileSystem.FileStream.New(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read,
            bufferSize: 1, hint);
        return digester.Hash(stream, buffer, cancellation);
    }

    private void CompareDigests(PayloadItem item, string[] digests, long length,
        IReadOnlyList<ManifestFile> manifests, VerificationFindings findings)
    {
        List<string>? mismatches = null;
        int? firstLine = null;
        for (var i = 0; i < manifests.Count; i++)
        {
            if (item.Listings[i] is { } entry && entry.Digest != digests[i])
            {
                firstLine ??= entry.Line;
                mismatches ??= [];
                mismatches.Add($"{manifests[i].Algorithm.Name} is {digests[i]}, but {manifests[i].FileName} line {entry.Line} expects {entry.Digest}");
            }
        }

        if (mismatches is null)
        {
            _logger.Verbose("Verified {PayloadPath}", item.Path);
            findings.Counts.AddVerified(length);
            return;
        }

        _logger.Error("Checksum mismatch for {PayloadPath}", item.Path);
        findings.Problem(ProblemKind.Modified, item.Path, firstLine, string.Join("; ", mismatches));
    }
}
