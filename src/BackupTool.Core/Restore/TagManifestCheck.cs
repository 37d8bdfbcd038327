using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Hashing;
using BackupTool.Core.Manifests;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

/// <summary>Checks every tag file of a bag against the digests its <c>tagmanifest-*.txt</c> files list.</summary>
/// <remarks>
/// Steps: find the tag manifests, hash each file they list and compare, then make sure the files a
/// restore relies on (<c>bagit.txt</c>, <c>bag-info.txt</c>, payload manifests,
/// <c>backup-tree.tsv</c>) are listed. A bag without any tag manifest passes with a warning, unless
/// it has a <c>backup-tree.tsv</c>: this tool always writes a tag manifest beside one, so its
/// absence means damage. Reads files only; safe to call concurrently.
/// </remarks>
public sealed class TagManifestCheck(IFileSystem fileSystem)
{
    private const int BufferSize = 1 << 20;

    /// <summary>Checks the tag files of the bag at <paramref name="bagPath"/>.</summary>
    public TagCheckResult Check(string bagPath, BagDeclaration declaration, CancellationToken cancellation = default)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var tagManifests = FindManifests(fileSystem, bagPath, "tagmanifest-", warnings);
        foreach (var (algorithm, name) in tagManifests)
        {
            CheckManifest(bagPath, declaration, algorithm, name, listed, problems, cancellation);
        }

        if (tagManifests.Count == 0)
        {
            ReportNoTagManifest(bagPath, problems, warnings);
            return new TagCheckResult(problems, warnings);
        }

        foreach (var required in RequiredTagFiles(bagPath))
        {
            if (!listed.Contains(required))
            {
                problems.Add($"{required} is not listed in any tag manifest, so its contents cannot be trusted");
            }
        }

        return new TagCheckResult(problems, warnings);
    }

    /// <summary>Returns the manifests in the bag root whose names start with <paramref name="prefix"/>, by algorithm.</summary>
    /// <remarks>A manifest naming an algorithm this tool does not support is skipped with a warning.</remarks>
    public static IReadOnlyList<(ChecksumAlgorithm Algorithm, string FileName)> FindManifests(
        IFileSystem fileSystem, string bagPath, string prefix, List<string> warnings)
    {
        var found = new List<(ChecksumAlgorithm, string)>();
        var names = fileSystem.Directory.EnumerateFiles(bagPath, prefix + "*.txt")
            .Select(fileSystem.Path.GetFileName)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var algorithmName = name![prefix.Length..^".txt".Length];
            if (ChecksumAlgorithms.TryParse(algorithmName, out var algorithm))
            {
                found.Add((algorithm, name));
            }
            else
            {
                warnings.Add($"{name} names the algorithm '{algorithmName}', which this tool cannot check; skipped");
            }
        }

        return found;
    }

    private void CheckManifest(string bagPath, BagDeclaration declaration, ChecksumAlgorithm algorithm,
        string name, HashSet<string> listed, List<string> problems, CancellationToken cancellation)
    {
        var lines = new ManifestReader(fileSystem).Read(fileSystem.Path.Combine(bagPath, name),
            declaration.Encoding, algorithm.HexLength(), declaration.DecodesPercent);
        foreach (var line in lines)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!line.IsValid)
            {
                problems.Add($"{name} line {line.LineNumber} is malformed: {line.Error}");
                continue;
            }

            var problem = CheckTagFile(bagPath, algorithm, name, line.Path!, line.Digest!);
            if (problem is null)
            {
                listed.Add(line.Path!);
            }
            else
            {
                problems.Add(problem);
            }
        }
    }

    private string? CheckTagFile(string bagPath, ChecksumAlgorithm algorithm, string manifest, string path, string digest)
    {
        if (!RelativePaths.IsSafe(path) || path.StartsWith(SnapshotLayout.DataFolder + "/", StringComparison.Ordinal))
        {
            return $"{manifest} lists '{path}', which is not a tag file inside the bag";
        }

        var fullPath = RelativePaths.Join(bagPath, path);
        if (!fileSystem.File.Exists(fullPath))
        {
            return $"{path} is listed in {manifest} but missing";
        }

        var actual = HashFile(fullPath, algorithm);
        return actual == digest
            ? null
            : $"{path} does not match {manifest}: expected {digest}, found {actual}";
    }

    private string HashFile(string path, ChecksumAlgorithm algorithm)
    {
        using var hasher = new MultiHasher([algorithm]);
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[Math.Min(BufferSize, Math.Max(1, stream.Length))];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hasher.Append(buffer.AsSpan(0, read));
        }

        return hasher.Finish()[0];
    }

    private void ReportNoTagManifest(string bagPath, List<string> problems, List<string> warnings)
    {
        if (fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, TreeMetadataFormat.FileName)))
        {
            problems.Add($"the tag manifest is missing: a snapshot with {TreeMetadataFormat.FileName} "
                + "always has a tagmanifest-<algorithm>.txt");
        }
        else
        {
            warnings.Add("the bag has no tag manifest, so its tag files were not checked");
        }
    }

    private IEnumerable<string> RequiredTagFiles(string bagPath)
    {
        var ignored = new List<string>();
        yield return BagDeclaration.FileName;
        foreach (var name in new[] { SnapshotLayout.BagInfoFile, TreeMetadataFormat.FileName })
        {
            if (fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, name)))
            {
                yield return name;
            }
        }

        foreach (var (_, name) in FindManifests(fileSystem, bagPath, "manifest-", ignored))
        {
            yield return name;
        }
    }
}
