using System.Buffers;
using BackupTool.Core.Bags;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Verification;

public sealed partial class BagVerifier
{
    private async Task VerifyTagManifestsAsync(
        string bagPath, BagDeclaration? declaration, VerificationFindings findings, CancellationToken cancellation)
    {
        var manifests = OpenManifests(bagPath, "tagmanifest-", isTag: true, findings);
        if (manifests.Count == 0)
        {
            ReportNoTagManifest(bagPath, findings);
            return;
        }

        var listed = new SortedDictionary<string, List<(ManifestFile Manifest, ManifestEntry Entry)>>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            manifest.Scan(declaration?.Encoding ?? BagDeclaration.Current.Encoding, decodePercent: declaration?.DecodesPercent ?? true, findings);
            foreach (var entry in manifest.Entries())
            {
                if (!listed.TryGetValue(entry.Path, out var listings))
                {
                    listed[entry.Path] = listings = [];
                }

                listings.Add((manifest, entry));
            }
        }

        foreach (var (path, listings) in listed)
        {
            await VerifyTagFileAsync(bagPath, path, listings, findings, cancellation);
        }
    }

    private void ReportNoTagManifest(string bagPath, VerificationFindings findings)
    {
        if (fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, TreeMetadataFormat.FileName)))
        {
            findings.Problem(ProblemKind.TagManifestMissing, "tagmanifest-md5.txt", null,
                "this snapshot has no tag manifest, so its manifests and metadata cannot be checked; "
                + "restore the tag manifest from a copy or create the snapshot again");
            return;
        }

        findings.Warning(null, null, "the bag has no tag manifest, so its tag files were not checked");
    }

    private async Task VerifyTagFileAsync(string bagPath, string path,
        List<(ManifestFile Manifest, ManifestEntry Entry)> listings, VerificationFindings findings,
        CancellationToken cancellation)
    {
        var (first, firstEntry) = listings[0];
        var fullPath = fileSystem.Path.Combine(bagPath, path);
        if (!fileSystem.File.Exists(fullPath))
        {
            findings.Problem(ProblemKind.TagFileDamaged, path, null,
                $"listed in {first.FileName} line {firstEntry.Line} but missing");
            return;
        }

        var digester = new FileDigester(listings.Select(l => l.Manifest.Algorithm).Distinct().ToList());
        var buffer = ArrayPool<byte>.Shared.Rent(FileDigester.BufferSize);
        try
        {
            await using var stream = fileSystem.File.OpenRead(fullPath);
            var (digests, _) = digester.Hash(stream, buffer, cancellation);
            var intact = true;
            foreach (var (manifest, entry) in listings)
            {
                var actual = digests[IndexOf(digester.Algorithms, manifest.Algorithm)];
                if (actual != entry.Digest)
                {
                    intact = false;
                    findings.Problem(ProblemKind.TagFileDamaged, path, null,
                        $"{manifest.Algorithm.Name} is {actual}, but {manifest.FileName} line {entry.Line} expects {entry.Digest}");
                }
            }

            if (intact)
            {
                findings.Counts.AddTagFileVerified();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            findings.Problem(ProblemKind.Unreadable, path, null, $"the tag file could not be read: {exception.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private List<ManifestFile> OpenManifests(string bagPath, string prefix, bool isTag, VerificationFindings findings)
    {
        var manifests = new List<ManifestFile>();
        var names = fileSystem.Directory.EnumerateFiles(bagPath, prefix + "*.txt")
            .Select(p => fileSystem.Path.GetFileName(p))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var algorithmName = name[prefix.Length..^".txt".Length];
            var algorithm = ManifestAlgorithm.Find(algorithmName);
            if (algorithm is null)
            {
                findings.Problem(ProblemKind.UnsupportedAlgorithm, name, null,
                    $"checksum algorithm '{algorithmName}' is not supported (md5, sha1, sha224, sha256, sha384 and sha512 are); "
                    + "its entries were not checked");
                continue;
            }

            manifests.Add(new ManifestFile(fileSystem, bagPath, name, algorithm, isTag));
        }

        return manifests;
    }

    private static int IndexOf(IReadOnlyList<ManifestAlgorithm> algorithms, ManifestAlgorithm algorithm)
    {
        for (var i = 0; i < algorithms.Count; i++)
        {
            if (algorithms[i] == algorithm)
            {
                return i;
            }
        }

        throw new ArgumentException($"Algorithm {algorithm.Name} is not among the digester's algorithms.", nameof(algorithm));
    }
}
