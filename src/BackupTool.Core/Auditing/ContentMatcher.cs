using BackupTool.Core.Manifests;

namespace BackupTool.Core.Auditing;

/// <summary>Pairs snapshot files with tree files by path and digest, one to one.</summary>
/// <remarks>
/// Steps: a tree file at the same path with the same digest makes the snapshot file unchanged.
/// A snapshot file whose path is gone takes an unpaired tree file with its digest (preferring one
/// with the same file name) and is moved, or else is missing. A snapshot file whose path holds
/// other content is modified, never moved, so an edit is never hidden by a copy elsewhere.
/// Unpaired tree files are new. Deterministic: candidates are taken in path order.
/// </remarks>
internal static class ContentMatcher
{
    /// <summary>Classifies every file into <paramref name="report"/>.</summary>
    /// <param name="snapshot">Snapshot paths and their digests.</param>
    /// <param name="tree">Tree paths and their digests; null for a file that was not hashed.</param>
    /// <param name="report">Receives the categories.</param>
    public static void Match(IReadOnlyDictionary<string, string> snapshot, IReadOnlyDictionary<string, string?> tree,
        AuditReport report)
    {
        var paired = new HashSet<string>(StringComparer.Ordinal);
        var absent = new List<string>();
        var changed = new List<string>();
        foreach (var path in snapshot.Keys.Order(PathComparer.Instance))
        {
            if (!tree.TryGetValue(path, out var digest))
            {
                absent.Add(path);
            }
            else if (digest == snapshot[path])
            {
                report.Unchanged.Add(path);
                paired.Add(path);
            }
            else
            {
                changed.Add(path);
                paired.Add(path);
            }
        }

        var candidates = new CandidateIndex(tree, paired);
        foreach (var path in absent)
        {
            var digest = snapshot[path];
            var destination = candidates.Take(digest, FileName(path));
            if (destination is null)
            {
                report.Missing.Add(new ChangedFile(path, candidates.AnyPathWith(digest)));
            }
            else
            {
                report.Moved.Add(new MovedFile(path, destination));
            }
        }

        foreach (var path in changed)
        {
            report.Modified.Add(new ChangedFile(path, candidates.AnyPathWith(snapshot[path])));
        }

        report.New.AddRange(candidates.Unpaired());
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    // Tree files grouped by digest, with a per-name queue so a moved file prefers a same-named match.
    private sealed class CandidateIndex
    {
        private readonly Dictionary<string, Queue<string>> _byDigest = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Digest, string Name), Queue<string>> _byDigestAndName = new();
        private readonly Dictionary<string, string> _firstPath = new(StringComparer.Ordinal);
        private readonly HashSet<string> _paired;
        private readonly IReadOnlyDictionary<string, string?> _tree;

        public CandidateIndex(IReadOnlyDictionary<string, string?> tree, HashSet<string> paired)
        {
            _tree = tree;
            _paired = paired;
            foreach (var path in tree.Keys.Order(PathComparer.Instance))
            {
                if (tree[path] is not { } digest)
                {
                    continue;
                }

                _firstPath.TryAdd(digest, path);
                Enqueue(_byDigest, digest, path);
                Enqueue(_byDigestAndName, (digest, FileName(path)), path);
            }
        }

        public string? Take(string digest, string name)
        {
            var path = Dequeue(_byDigestAndName, (digest, name)) ?? Dequeue(_byDigest, digest);
            if (path is not null)
            {
                _paired.Add(path);
            }

            return path;
        }

        public string? AnyPathWith(string digest) => _firstPath.GetValueOrDefault(digest);

        public IEnumerable<string> Unpaired() =>
            _tree.Keys.Where(path => !_paired.Contains(path)).Order(PathComparer.Instance);

        private string? Dequeue<TKey>(Dictionary<TKey, Queue<string>> index, TKey key)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var queue))
            {
                return null;
            }

            while (queue.TryDequeue(out var path))
            {
                if (!_paired.Contains(path))
                {
                    return path;
                }
            }

            return null;
        }

        private static void Enqueue<TKey>(Dictionary<TKey, Queue<string>> index, TKey key, string path)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var queue))
            {
                queue = new Queue<string>();
                index[key] = queue;
            }

            queue.Enqueue(path);
        }
    }
}
