using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Hashing;
using BackupTool.Core.Manifests;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

/// <summary>The payload manifests of a bag, checked line by line without holding their entries.</summary>
/// <remarks>
/// <see cref="Scan"/> reads each manifest once and records malformed lines, paths outside
/// <c>data/</c>, repeated paths and whether every manifest is sorted by <see cref="PathComparer"/>,
/// as this tool writes them. A sorted bag is then matched against the tree metadata as two sorted
/// streams, in constant memory; an unsorted one is loaded into a dictionary.
/// </remarks>
public sealed class PayloadManifests
{
    private readonly IFileSystem _fileSystem;
    private readonly string _bagPath;
    private readonly BagDeclaration _declaration;

    private PayloadManifests(IFileSystem fileSystem, string bagPath, BagDeclaration declaration,
        IReadOnlyList<(ChecksumAlgorithm Algorithm, string FileName)> manifests)
    {
        _fileSystem = fileSystem;
        _bagPath = bagPath;
        _declaration = declaration;
        Manifests = manifests;
        Algorithms = manifests.Select(m => m.Algorithm).ToArray();
    }

    /// <summary>The payload manifests by algorithm, in the order of each file's digests.</summary>
    public IReadOnlyList<(ChecksumAlgorithm Algorithm, string FileName)> Manifests { get; }

    /// <summary>The algorithms of the payload manifests, in the order of each file's digests.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Algorithms { get; }

    /// <summary>Whether every manifest lists its paths in <see cref="PathComparer"/> order.</summary>
    public bool IsSorted { get; private set; } = true;

    /// <summary>Why the manifests cannot be trusted; empty when every line is valid.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Accepted deviations from strict RFC 8493 form, and skipped manifests.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Reads and checks every payload manifest of the bag at <paramref name="bagPath"/>.</summary>
    public static PayloadManifests Scan(IFileSystem fileSystem, string bagPath, BagDeclaration declaration,
        CancellationToken cancellation = default)
    {
        var warnings = new List<string>();
        var found = TagManifestCheck.FindManifests(fileSystem, bagPath, "manifest-", warnings);
        var manifests = new PayloadManifests(fileSystem, bagPath, declaration, found);
        manifests.Warnings.AddRange(warnings);
        if (found.Count == 0)
        {
            manifests.Problems.Add("the bag has no payload manifest (manifest-<algorithm>.txt)");
        }

        for (var index = 0; index < found.Count; index++)
        {
            manifests.Check(index, cancellation);
        }

        return manifests;
    }

    /// <summary>Streams the valid entries of one manifest in file order, paths relative to <c>data/</c>.</summary>
    /// <remarks>Lines that <see cref="Scan"/> reported as problems are skipped.</remarks>
    public IEnumerable<(string Path, string Digest)> Read(int index)
    {
        var (algorithm, name) = Manifests[index];
        var lines = new ManifestReader(_fileSystem).Read(_fileSystem.Path.Combine(_bagPath, name),
            _declaration.Encoding, algorithm.HexLength(), _declaration.DecodesPercent);
        foreach (var line in lines)
        {
            var path = line.IsValid ? PayloadPath(line.Path!) : null;
            if (path is not null)
            {
                yield return (path, line.Digest!);
            }
        }
    }

    /// <summary>Opens a lookup of digests by path for one pass over the tree metadata.</summary>
    /// <remarks>
    /// For sorted manifests the lookup streams them and expects paths in <see cref="PathComparer"/>
    /// order; otherwise every entry is loaded into memory first.
    /// </remarks>
    public IPayloadIndex OpenIndex(CancellationToken cancellation = default) => IsSorted
        ? new StreamingPayloadIndex(this)
        : DictionaryPayloadIndex.Load(this, cancellation);

    /// <summary>Returns the path relative to <c>data/</c>, or null when it is not a safe path inside it.</summary>
    private static string? PayloadPath(string bagRelativePath)
    {
        const string prefix = SnapshotLayout.DataFolder + "/";
        if (!bagRelativePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = bagRelativePath[prefix.Length..];
        return RelativePaths.IsSafe(path) ? path : null;
    }

    private void Check(int index, CancellationToken cancellation)
    {
        var (algorithm, name) = Manifests[index];
        var lines = new ManifestReader(_fileSystem).Read(_fileSystem.Path.Combine(_bagPath, name),
            _declaration.Encoding, algorithm.HexLength(), _declaration.DecodesPercent);
        string? previous = null;
        var warned = false;
        foreach (var line in lines)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!warned && line.Warnings.Count > 0)
            {
                Warnings.Add($"{name} line {line.LineNumber}: {line.Warnings[0]} (later lines are not reported)");
                warned = true;
            }

            if (!line.IsValid)
            {
                Problems.Add($"{name} line {line.LineNumber} is malformed: {line.Error}");
                continue;
            }

            var path = PayloadPath(line.Path!);
            if (path is null)
            {
                Problems.Add($"{name} line {line.LineNumber} names '{line.Path}', which is not a path inside data/");
                continue;
            }

            var order = previous is null ? 1 : PathComparer.Instance.Compare(path, previous);
            if (order == 0)
            {
                Problems.Add($"{name} line {line.LineNumber} lists data/{path} a second time");
            }

            IsSorted &= order >= 0;
            previous = path;
        }
    }
}
