using System.Buffers;
using BackupTool.Core.Bags;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Verification;

public sealed partial class BagVerifier
{
    private async Task VerifyPayloadAsync(string bagPath, BagDeclaration? declaration, BagInfo? bagInfo,
        FetchFile? fetch, VerificationOptions options, VerificationFindings findings, CancellationToken cancellation)
    {
        var manifests = ScanPayloadManifests(bagPath, declaration, findings);
        var walker = new PayloadWalker(fileSystem, _logger, findings);
        var dataPath = fileSystem.Path.Combine(bagPath, SnapshotLayout.DataFolder);
        var files = fileSystem.Directory.Exists(dataPath)
            ? walker.Walk(dataPath, SnapshotLayout.DataFolder) : ReportNoDataFolder(findings);
        var treePath = fileSystem.Path.Combine(bagPath, TreeMetadataFormat.FileName);
        if (options.Fast && fileSystem.File.Exists(treePath))
        {
            files = new TreeSizeChecker(fileSystem, findings).Check(files, treePath);
        }

        var merger = new PayloadMerger(manifests, strict: declaration is null || declaration.Major >= 1, findings);
        var digester = new FileDigester(manifests.Select(m => m.Algorithm).ToList());
        await CheckFilesAsync(bagPath, merger.Merge(files), digester, manifests, options, findings, cancellation);

        var resolver = new LeftoverResolver(fileSystem, bagPath, manifests, fetch, findings);
        var matched = resolver.Resolve(merger.Missing, merger.Unexpected);
        await CheckFilesAsync(bagPath, matched, digester, manifests, options, findings, cancellation);

        CheckPayloadOxum(bagInfo, walker, resolver.PendingFetches, options, findings);
    }

    private List<ManifestFile> ScanPayloadManifests(string bagPath, BagDeclaration? declaration, VerificationFindings findings)
    {
        var manifests = OpenManifests(bagPath, "manifest-", isTag: false, findings);
        var unsupported = findings.Problems.Any(p => p.Kind == ProblemKind.UnsupportedAlgorithm
            && p.Path.StartsWith("manifest-", StringComparison.Ordinal));
        if (manifests.Count == 0 && !unsupported)
        {
            findings.Problem(ProblemKind.ManifestMissing, "manifest-md5.txt", null,
                "the bag has no payload manifest (manifest-<algorithm>.txt), so no payload file can be checked");
        }

        foreach (var manifest in manifests)
        {
            manifest.Scan(declaration?.Encoding ?? BagDeclaration.Current.Encoding, declaration?.DecodesPercent ?? true, findings);
            if (manifest.EntryCount == 0)
            {
                findings.Problem(ProblemKind.ManifestEmpty, manifest.FileName, null,
                    "the payload manifest lists no file; restore it from a copy or create the snapshot again");
            }
        }

        if (manifests.Count > 0 && manifests.All(m => m.Algorithm.IsWeak))
        {
            findings.Warning(null, null,
                $"only weak checksums ({string.Join(", ", manifests.Select(m => m.Algorithm.Name))}) protect the payload; "
                + "they detect accidental damage but not deliberate tampering");
        }

        return manifests;
    }

    private static IEnumerable<PayloadFile> ReportNoDataFolder(VerificationFindings findings)
    {
        findings.Problem(ProblemKind.Missing, SnapshotLayout.DataFolder + "/", null, "the payload folder data/ is missing");
        return [];
    }

    private async Task CheckFilesAsync(string bagPath, IEnumerable<PayloadItem> items, FileDigester digester,
        IReadOnlyList<ManifestFile> manifests, VerificationOptions options, VerificationFindings findings,
        CancellationToken cancellation)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        await Parallel.ForEachAsync(items, parallel, (item, token) =>
        {
            if (options.Fast)
            {
                findings.Counts.AddVerified(item.Length);
            }
            else
            {
                CheckFile(bagPath, item, digester, manifests, findings, token);
            }

            var checkedFiles = findings.Counts.AddChecked();
            options.Progress?.Report(new VerificationProgress(checkedFiles, findings.Counts.BytesVerified));
            return ValueTask.CompletedTask;
        });
    }

    private void CheckFile(string bagPath, PayloadItem item, FileDigester digester,
        IReadOnlyList<ManifestFile> manifests, VerificationFindings findings, CancellationToken cancellation)
    {
        if (item.Length == 0)
        {
            // NOTE: an empty file is not opened, so a FIFO or device node, which also lists as
            // zero bytes, is checked as an empty file instead of blocking the read.
            CompareDigests(item, digester.EmptyDigests, 0, manifests, findings);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FileDigester.BufferSize);
        try
        {
            var fullPath = fileSystem.Path.Combine(bagPath, item.DiskPath);
            // Read-ahead advice costs a system call per file, which only pays off for large files.
            var hint = item.Length >= FileDigester.BufferSize ? FileOptions.SequentialScan : FileOptions.None;
            using var stream = fileSystem.FileStream.New(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read,
                bufferSize: 1, hint);
            var (digests, length) = digester.Hash(stream, buffer, cancellation);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CompareDigests(PayloadItem item, string[] digests, long length,
        IReadOnlyList<ManifestFile> manifests, VerificationFindings findings)
    {
        var mismatches = new List<string>();
        int? firstLine = null;
        for (var i = 0; i < manifests.Count; i++)
        {
            if (item.Listings[i] is { } entry && entry.Digest != digests[i])
            {
                firstLine ??= entry.Line;
                mismatches.Add($"{manifests[i].Algorithm.Name} is {digests[i]}, but {manifests[i].FileName} line {entry.Line} expects {entry.Digest}");
            }
        }

        if (mismatches.Count == 0)
        {
            _logger.Verbose("Verified {PayloadPath}", item.Path);
            findings.Counts.AddVerified(length);
            return;
        }

        _logger.Error("Checksum mismatch for {PayloadPath}", item.Path);
        findings.Problem(ProblemKind.Modified, item.Path, firstLine, string.Join("; ", mismatches));
    }

    private static void CheckPayloadOxum(BagInfo? bagInfo, PayloadWalker walker, List<FetchEntry> pending,
        VerificationOptions options, VerificationFindings findings)
    {
        var entry = bagInfo?.Find(PayloadOxum.Label);
        if (entry is null)
        {
            if (options.Fast)
            {
                findings.Warning(null, null, "the bag has no Payload-Oxum, so --fast could not compare the payload size");
            }

            return;
        }

        if (!PayloadOxum.TryParse(entry.Value, out var oxum))
        {
            findings.Problem(ProblemKind.InvalidMetadata, bagInfo!.SourceFileName, entry.LineNumber,
                $"Payload-Oxum '{entry.Value}' is not of the form BYTES.FILES");
            return;
        }

        // Files still to fetch count towards the Payload-Oxum; a length written as '-' is unknown.
        var count = walker.FileCount + pending.Count;
        var octets = walker.ByteCount + pending.Sum(e => e.Length ?? 0);
        var octetsKnown = pending.All(e => e.Length is not null);
        if ((octetsKnown && oxum.Octets != octets) || oxum.Count != count)
        {
            findings.Problem(ProblemKind.PayloadOxumMismatch, bagInfo!.SourceFileName, entry.LineNumber,
                $"Payload-Oxum is {oxum} (bytes.files), but the regular files in data/ come to "
                + $"{new PayloadOxum(walker.ByteCount, walker.FileCount)}"
                + (pending.Count > 0 ? $", plus {pending.Count} files still to fetch" : ""));
        }
    }
}
