using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Hashing;
using BackupTool.Core.Manifests;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Verification;
using Serilog.Core;

namespace BackupTool.Core.Restore;

/// <summary>Checks every tag file of a bag against the digests its <c>tagmanifest-*.txt</c> files list.</summary>
/// <remarks>
/// Steps: run the validator's tag check (<see cref="BagVerifier.VerifyTagFilesAsync"/>), so that
/// restore, list and verify call the same snapshot damaged; then make sure the files a restore relies
/// on (<c>bagit.txt</c>, <c>bag-info.txt</c>, payload manifests, <c>backup-tree.tsv</c>) are listed
/// in a tag manifest, because an unlisted one could have been changed unnoticed. A bag without any
/// tag manifest passes with a warning, unless it has a <c>backup-tree.tsv</c>: this tool always
/// writes a tag manifest beside one. Reads files only; safe to call concurrently.
/// </remarks>
public sealed class TagManifestCheck(IFileSystem fileSystem)
{
    /// <summary>Checks the tag files of the bag at <paramref name="bagPath"/>.</summary>
    public TagCheckResult Check(string bagPath, BagDeclaration declaration, CancellationToken cancellation = default)
    {
        // The validator's check is asynchronous; callers here run outside any synchronization context.
        var report = new BagVerifier(fileSystem, Logger.None).VerifyTagFilesAsync(bagPath, cancellation)
            .GetAwaiter().GetResult();
        var problems = report.Problems.Select(p => Describe(p.Path, p.Line, p.Message)).ToList();
        var warnings = report.Warnings.Select(w => Describe(w.Path, w.Line, w.Message)).ToList();
        var ignored = new List<string>();
        var tagManifests = FindManifests(fileSystem, bagPath, "tagmanifest-", ignored);
        if (tagManifests.Count == 0)
        {
            return new TagCheckResult(problems, warnings);
        }

        var listed = ListedPaths(bagPath, declaration, tagManifests);
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
            .Select(path => fileSystem.Path.GetFileName(path))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var algorithmName = name[prefix.Length..^".txt".Length];
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

    private static string Describe(string? path, int? line, string message) =>
        (path, line) switch
        {
            (null, _) => message,
            (_, null) => $"{path}: {message}",
            _ => $"{path} line {line}: {message}",
        };

    private HashSet<string> ListedPaths(string bagPath, BagDeclaration declaration,
        IReadOnlyList<(ChecksumAlgorithm Algorithm, string FileName)> tagManifests)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var reader = new ManifestReader(fileSystem);
        foreach (var (algorithm, name) in tagManifests)
        {
            var lines = reader.Read(fileSystem.Path.Combine(bagPath, name), declaration.Encoding, algorithm.HexLength(),
                declaration.DecodesPercent);
            listed.UnionWith(lines.Where(line => line.IsValid).Select(line => line.Path!));
        }

        return listed;
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
