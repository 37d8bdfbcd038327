using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Hashing;
using BackupTool.Core.Manifests;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

/// <summary>Every payload file of a bag with its digests from each <c>manifest-*.txt</c>.</summary>
/// <remarks>
/// Paths are relative to <c>data/</c>. Malformed lines, paths outside <c>data/</c>, paths listed
/// twice and files missing from one of several manifests become <see cref="Problems"/>.
/// </remarks>
public sealed class PayloadManifestSet
{
    // NOTE: the whole manifest is held in memory, about 200 bytes a file; a snapshot of a million
    // files needs about 200 MB here.
    private readonly Dictionary<string, PayloadFile> _files = new(StringComparer.Ordinal);

    private PayloadManifestSet(IReadOnlyList<ChecksumAlgorithm> algorithms) => Algorithms = algorithms;

    /// <summary>The algorithms of the payload manifests, in the order of each file's digests.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Algorithms { get; }

    /// <summary>Every payload file, keyed by its path relative to <c>data/</c>.</summary>
    public IReadOnlyDictionary<string, PayloadFile> Files => _files;

    /// <summary>Why the manifests cannot be trusted; empty when they are consistent.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Accepted deviations from strict RFC 8493 form.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Reads every payload manifest of the bag at <paramref name="bagPath"/>.</summary>
    public static PayloadManifestSet Load(IFileSystem fileSystem, string bagPath, BagDeclaration declaration,
        CancellationToken cancellation = default)
    {
        var warnings = new List<string>();
        var manifests = TagManifestCheck.FindManifests(fileSystem, bagPath, "manifest-", warnings);
        var set = new PayloadManifestSet(manifests.Select(m => m.Algorithm).ToArray());
        set.Warnings.AddRange(warnings);
        if (manifests.Count == 0)
        {
            set.Problems.Add("the bag has no payload manifest (manifest-<algorithm>.txt)");
            return set;
        }

        var reader = new ManifestReader(fileSystem);
        for (var index = 0; index < manifests.Count; index++)
        {
            var (algorithm, name) = manifests[index];
            var lines = reader.Read(fileSystem.Path.Combine(bagPath, name), declaration.Encoding,
                algorithm.HexLength(), declaration.DecodesPercent);
            foreach (var line in lines)
            {
                cancellation.ThrowIfCancellationRequested();
                set.Add(name, index, line);
            }
        }

        set.CheckComplete(manifests);
        return set;
    }

    private void Add(string manifest, int index, ManifestLine line)
    {
        if (!line.IsValid)
        {
            Problems.Add($"{manifest} line {line.LineNumber} is malformed: {line.Error}");
            return;
        }

        const string prefix = SnapshotLayout.DataFolder + "/";
        var path = line.Path!.StartsWith(prefix, StringComparison.Ordinal) ? line.Path[prefix.Length..] : null;
        if (path is null || !RelativePaths.IsSafe(path))
        {
            Problems.Add($"{manifest} line {line.LineNumber} names '{line.Path}', which is not a path inside data/");
            return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            file = new PayloadFile(new string[Algorithms.Count]);
            _files.Add(path, file);
        }

        if (file.Digests[index] is not null)
        {
            Problems.Add($"{manifest} line {line.LineNumber} lists data/{path} a second time");
            return;
        }

        file.Digests[index] = line.Digest!;
    }

    private void CheckComplete(IReadOnlyList<(ChecksumAlgorithm Algorithm, string FileName)> manifests)
    {
        if (manifests.Count < 2)
        {
            return;
        }

        foreach (var (path, file) in _files)
        {
            for (var i = 0; i < manifests.Count; i++)
            {
                if (file.Digests[i] is null)
                {
                    Problems.Add($"data/{path} is missing from {manifests[i].FileName}");
                }
            }
        }
    }
}
