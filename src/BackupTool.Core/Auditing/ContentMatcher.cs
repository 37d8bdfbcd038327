using BackupTool.Core.Manifests;

namespace BackupTool.Core.Auditing;

/// <summary>Pairs snapshot files with tree files by path and digest, one to one.</summary>
/// <remarks>
/// Steps: a tree file at the same path with the same digest makes the snapshot file unchanged.
/// A snapshot file whose path is gone takes an unpaired tree file with its digest and is moved,
/// or else is missing. Among several candidates, one with the same file name is taken first, then
/// the others in path order. A snapshot file whose path contains other content is modified, never
/// moved, so a copy elsewhere cannot hide an edit. Unpaired tree files are new. Works on sorted
/// arrays, without a dictionary, so memory stays near the size of the two file lists.
/// </remarks>
internal static class ContentMatcher
{
    /// <summary>Classifies every file into <paramref name="report"/>.</summary>
    /// <param name="snapshot">Snapshot files, sorted by path with <see cref="PathComparer"/>.</param>
    /// <param name="tree">Tree files, sorted by path with <see cref="PathComparer"/>.</param>
    /// <param name="report">Receives the categories, each sorted by path.</param>
    public static void Match(SnapshotFile[] snapshot, TreeFile[] tree, AuditReport report)
    {
        var paired = new bool[tree.Length];
        var (absent, changed) = JoinByPath(snapshot, tree, paired, report);
        var present = Enumerable.Range(0, tree.Length).Where(j => tree[j].Hashed).ToArray();
        Array.Sort(present, (a, b) => tree[a].Digest != tree[b].Digest ? tree[a].Digest.CompareTo(tree[b].Digest) : a - b);

        var moves = PairByDigest(snapshot, tree, absent, paired);
        foreach (var i in absent)
        {
            if (moves.TryGetValue(i, out var j))
            {
                report.Moved.Add(new MovedFile(snapshot[i].Path, tree[j].Path));
            }
            else
            {
                report.Missing.Add(new ChangedFile(snapshot[i].Path, FirstWith(snapshot[i].Digest, tree, present)));
            }
        }

        foreach (var i in changed)
        {
            report.Modified.Add(new ChangedFile(snapshot[i].Path, FirstWith(snapshot[i].Digest, tree, present)));
        }

        for (var j = 0; j < tree.Length; j++)
        {
            if (!paired[j])
            {
                report.New.Add(tree[j].Path);
            }
        }
    }

    private static (List<int> Absent, List<int> Changed) JoinByPath(SnapshotFile[] snapshot, TreeFile[] tree,
        bool[] paired, AuditReport report)
    {
        var absent = new List<int>();
        var changed = new List<int>();
        var j = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            while (j < tree.Length && PathComparer.Instance.Compare(tree[j].Path, snapshot[i].Path) < 0)
            {
                j++;
            }

            if (j == tree.Length || tree[j].Path != snapshot[i].Path)
            {
                absent.Add(i);
                continue;
            }

            paired[j] = true;
            if (tree[j].Hashed && tree[j].Digest == snapshot[i].Digest)
            {
                report.Unchanged.Add(snapshot[i].Path);
            }
            else
            {
                changed.Add(i);
            }
        }

        return (absent, changed);
    }

    // Pairs absent snapshot files with unpaired tree files of the same digest: first those with the
    // same file name, then the rest, each in path order. Returns snapshot index to tree index.
    private static Dictionary<int, int> PairByDigest(SnapshotFile[] snapshot, TreeFile[] tree, List<int> absent,
        bool[] paired)
    {
        var moves = new Dictionary<int, int>();
        var candidates = Enumerable.Range(0, tree.Length).Where(j => tree[j].Hashed && !paired[j]).ToList();
        var sources = new Side(i => snapshot[i].Digest, i => snapshot[i].Path);
        var targets = new Side(j => tree[j].Digest, j => tree[j].Path);
        PairGroups(absent.ToList(), candidates, sources, targets, byName: true, moves, paired);
        var unmatched = absent.Where(i => !moves.ContainsKey(i)).ToList();
        candidates.RemoveAll(j => paired[j]);
        PairGroups(unmatched, candidates, sources, targets, byName: false, moves, paired);
        return moves;
    }

    // Sorts both index lists by (digest, file name when byName, index) and pairs the k-th of each equal group.
    private static void PairGroups(List<int> sourceIndexes, List<int> targetIndexes, Side sources, Side targets,
        bool byName, Dictionary<int, int> moves, bool[] paired)
    {
        sourceIndexes.Sort((a, b) => Compare(sources, a, sources, b, byName, withIndex: true));
        targetIndexes.Sort((a, b) => Compare(targets, a, targets, b, byName, withIndex: true));
        var t = 0;
        foreach (var s in sourceIndexes)
        {
            while (t < targetIndexes.Count && Compare(targets, targetIndexes[t], sources, s, byName, withIndex: false) < 0)
            {
                t++;
            }

            if (t < targetIndexes.Count && Compare(targets, targetIndexes[t], sources, s, byName, withIndex: false) == 0)
            {
                moves[s] = targetIndexes[t];
                paired[targetIndexes[t]] = true;
                t++;
            }
        }
    }

    private static int Compare(Side left, int a, Side right, int b, bool byName, bool withIndex)
    {
        var order = left.Digest(a).CompareTo(right.Digest(b));
        if (order == 0 && byName)
        {
            order = FileName(left.Path(a)).SequenceCompareTo(FileName(right.Path(b)));
        }

        return order != 0 || !withIndex ? order : a.CompareTo(b);
    }

    private static ReadOnlySpan<char> FileName(string path) => path.AsSpan(path.LastIndexOf('/') + 1);

    // Returns the tree path, in path order, with the lowest index among files of this digest.
    private static string? FirstWith(UInt128 digest, TreeFile[] tree, int[] present)
    {
        int low = 0, high = present.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (tree[present[middle]].Digest < digest)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < present.Length && tree[present[low]].Digest == digest ? tree[present[low]].Path : null;
    }

    // How to read the digest and path of an index on one side of the pairing.
    private sealed record Side(Func<int, UInt128> Digest, Func<int, string> Path);
}
