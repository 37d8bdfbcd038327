using BackupTool.Core.Bags;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Verification;

public sealed partial class BagVerifier
{
    /// <returns>The finished walk of <c>data/</c>.</returns>
    private async Task<PayloadWalker> VerifyPayloadAsync(string bagPath, BagDeclaration? declaration, BagInfo? bagInfo,
        FetchFile? fetch, VerificationOptions options, VerificationFindings findings, CancellationToken cancellation)
    {
        var manifests = ScanPayloadManifests(bagPath, declaration, DeclaresEmptyPayload(bagInfo), findings);
        var walker = new PayloadWalker(_posix, _logger, findings);
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
        return walker;
    }

    // A snapshot of an empty folder has empty manifests and records that in its Payload-Oxum, 0.0. Files
    // found in data/ all the same are reported as unexpected, and the Payload-Oxum as mismatched.
    private static bool DeclaresEmptyPayload(BagInfo? bagInfo) =>
        bagInfo?.Find(PayloadOxum.Label) is { } entry && PayloadOxum.TryParse(entry.Value, out var oxum)
        && oxum is { Count: 0, Octets: 0 };

    private List<ManifestFile> ScanPayloadManifests(
        string bagPath, BagDeclaration? declaration, bool declaredEmpty, VerificationFindings findings)
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
            if (manifest.EntryCount == 0 && !declaredEmpty)
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
