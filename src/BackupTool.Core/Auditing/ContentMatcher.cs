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
        var sourceNames = absent.ToDictionary(i => i, i => FileName(snapshot[i].Path));
        var targetNames = candidates.ToDictionary(j => j, j => FileName(tree[j].Path));
        PairGroups(absent.ToList(), candidates, i => snapshot[i].Digest, j => tree[j].Digest,
            i => sourceNames[i], j => targetNames[j], moves, paired);
        var unmatched = absent.Where(i => !moves.ContainsKey(i)).ToList();
        candidates.RemoveAll(j => paired[j]);
        PairGroups(unmatched, candidates, i => snapshot[i].Digest, j => tree[j].Digest,
            _ => "", _ => "", moves, paired);
        return moves;
    }

    // Sorts both index lists by (digest, name, index) and pairs the k-th of each equal group.
    private static void PairGroups(List<int> sources, List<int> targets, Func<int, UInt128> sourceDigest,
        Func<int, UInt128> targetDigest, Func<int, string> sourceName, Func<int, string> targetName,
        Dictionary<int, int> moves, bool[] paired)
    {
        sources.Sort((a, b) => Compare(sourceDigest(a), sourceName(a), a, sourceDigest(b), sourceName(b), b));
        targets.Sort((a, b) => Compare(targetDigest(a), targetName(a), a, targetDigest(b), targetName(b), b));
        var t = 0;
        foreach (var s in sources)
        {
            while (t < targets.Count && Compare(targetDigest(targets[t]), targetName(targets[t]), 0,
                       sourceDigest(s), sourceName(s), 0) < 0)
            {
                t++;
            }

            if (t < targets.Count && targetDigest(targets[t]) == sourceDigest(s) && targetName(targets[t]) == sourceName(s))
            {
                moves[s] = targets[t];
                paired[targets[t]] = true;
                t++;
            }
        }
    }

    private static int Compare(UInt128 digestA, string nameA, int indexA, UInt128 digestB, string nameB, int indexB)
    {
        var order = digestA.CompareTo(digestB);
        if (order == 0)
        {
            order = string.CompareOrdinal(nameA, nameB);
        }

        return order != 0 ? order : indexA.CompareTo(indexB);
    }

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

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
