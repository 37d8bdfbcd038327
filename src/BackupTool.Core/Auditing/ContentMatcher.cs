using System.Text;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Auditing;

/// <summary>Pairs snapshot files with tree files by path and digest, one to one.</summary>
/// <remarks>
/// Steps: a tree file at the same path with the same digest makes the snapshot file unchanged.
/// A snapshot file whose path is gone takes an unpaired tree file with its digest and is moved,
/// or else is missing. Among several candidates, one with the same file name is taken first, then
/// the others in path order. A snapshot file whose path contains other content is modified, never
/// moved, so a copy elsewhere cannot hide an edit. Unpaired tree files are new. The snapshot is
/// read as a sorted stream and only the files whose path is gone are kept, in compact form, so
/// memory grows with the tree and with the number of moved or missing files.
/// </remarks>
internal static class ContentMatcher
{
    /// <summary>Classifies every file into <paramref name="report"/>.</summary>
    /// <param name="snapshot">Snapshot files, sorted by path with <see cref="PathComparer"/>.</param>
    /// <param name="treePaths">The paths of the tree files.</param>
    /// <param name="tree">Tree files, sorted by path with <see cref="PathComparer"/>.</param>
    /// <param name="report">Receives the categories, each sorted by path.</param>
    public static void Match(IEnumerable<(string Path, UInt128 Digest)> snapshot, Utf8PathTable treePaths,
        List<TreeFile> tree, AuditReport report)
    {
        var paired = new bool[tree.Count];
        var present = Enumerable.Range(0, tree.Count).Where(j => tree[j].Hashed).ToArray();
        Array.Sort(present, (a, b) => tree[a].Digest != tree[b].Digest ? tree[a].Digest.CompareTo(tree[b].Digest) : a - b);

        var treeSide = new Side(treePaths, j => tree[j].PathId, j => tree[j].Digest);
        var absent = JoinByPath(snapshot, treeSide, tree, present, paired, report);
        var moves = PairByDigest(absent, treeSide, tree, paired);
        var moved = new PathPairList<MovedFile>((from, to) =>
            new MovedFile(absent.Paths.GetString(from), treePaths.GetString(to)));
        var missing = new PathPairList<ChangedFile>((path, presentAt) =>
            new ChangedFile(absent.Paths.GetString(path), PathOrNull(treePaths, presentAt)));
        for (var i = 0; i < absent.Digests.Count; i++)
        {
            if (moves[i] >= 0)
            {
                moved.Add(i, tree[moves[i]].PathId);
            }
            else
            {
                missing.Add(i, FirstWith(absent.Digests[i], treeSide, present));
            }
        }

        var fresh = new PathList(treePaths);
        for (var j = 0; j < tree.Count; j++)
        {
            if (!paired[j])
            {
                fresh.Add(tree[j].PathId);
            }
        }

        report.Moved = moved;
        report.Missing = missing;
        report.New = fresh;
    }

    // Walks the sorted snapshot and the sorted tree together. Unchanged and modified files are
    // recorded at once, and snapshot files whose path is not in the tree are returned.
    private static AbsentFiles JoinByPath(IEnumerable<(string Path, UInt128 Digest)> snapshot, Side treeSide,
        List<TreeFile> tree, int[] present, bool[] paired, AuditReport report)
    {
        var treePaths = treeSide.Paths;
        var absent = new AbsentFiles(new Utf8PathTable(), []);
        var unchanged = new PathList(treePaths);
        var modified = new PathPairList<ChangedFile>((path, presentAt) =>
            new ChangedFile(treePaths.GetString(path), PathOrNull(treePaths, presentAt)));
        var buffer = new byte[1024];
        var j = 0;
        foreach (var (path, digest) in snapshot)
        {
            var bytes = Encode(path, ref buffer);
            while (j < tree.Count && treePaths.Bytes(tree[j].PathId).SequenceCompareTo(bytes) < 0)
            {
                j++;
            }

            if (j == tree.Count || !treePaths.Bytes(tree[j].PathId).SequenceEqual(bytes))
            {
                absent.Paths.Add(path);
                absent.Digests.Add(digest);
                continue;
            }

            paired[j] = true;
            if (tree[j].Hashed && tree[j].Digest == digest)
            {
                unchanged.Add(tree[j].PathId);
            }
            else
            {
                modified.Add(tree[j].PathId, FirstWith(digest, treeSide, present));
            }
        }

        report.Unchanged = unchanged;
        report.Modified = modified;
        return absent;
    }

    private static string? PathOrNull(Utf8PathTable paths, int id) => id < 0 ? null : paths.GetString(id);

    private static ReadOnlySpan<byte> Encode(string path, ref byte[] buffer)
    {
        var length = Encoding.UTF8.GetByteCount(path);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(path, buffer));
    }

    // Pairs absent snapshot files with unpaired tree files of the same digest: first those with the
    // same file name, then the rest, each in path order. Returns, for each absent file, the index of
    // its tree file, or -1.
    private static int[] PairByDigest(AbsentFiles absent, Side treeSide, List<TreeFile> tree, bool[] paired)
    {
        var moves = new int[absent.Digests.Count];
        Array.Fill(moves, -1);
        var candidates = Enumerable.Range(0, tree.Count).Where(j => tree[j].Hashed && !paired[j]).ToList();
        var sources = new Side(absent.Paths, i => i, i => absent.Digests[i]);
        PairGroups(Enumerable.Range(0, moves.Length).ToList(), candidates, sources, treeSide, byName: true, moves, paired);
        var unmatched = Enumerable.Range(0, moves.Length).Where(i => moves[i] < 0).ToList();
        candidates.RemoveAll(j => paired[j]);
        PairGroups(unmatched, candidates, sources, treeSide, byName: false, moves, paired);
        return moves;
    }

    // Sorts both index lists by (digest, file name when byName, index) and pairs the k-th of each equal group.
    private static void PairGroups(List<int> sourceIndexes, List<int> targetIndexes, Side sources, Side targets,
        bool byName, int[] moves, bool[] paired)
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

    // File names compare as UTF-8 bytes. Only their equality decides a pairing, and both sides sort alike.
    private static int Compare(Side left, int a, Side right, int b, bool byName, bool withIndex)
    {
        var order = left.Digest(a).CompareTo(right.Digest(b));
        if (order == 0 && byName)
        {
            order = left.Paths.FileName(left.PathId(a)).SequenceCompareTo(right.Paths.FileName(right.PathId(b)));
        }

        return order != 0 || !withIndex ? order : a.CompareTo(b);
    }

    // Returns the path id of the tree file, in path order, with the lowest index among files of
    // this digest, or -1 when no tree file has it.
    private static int FirstWith(UInt128 digest, Side treeSide, int[] present)
    {
        int low = 0, high = present.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (treeSide.Digest(present[middle]) < digest)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < present.Length && treeSide.Digest(present[low]) == digest ? treeSide.PathId(present[low]) : -1;
    }

    // Snapshot files whose path is not in the tree, in path order. The path with id i has digest i.
    private sealed record AbsentFiles(Utf8PathTable Paths, List<UInt128> Digests);

    // How to read the path and digest of an index on one side of the pairing.
    private sealed record Side(Utf8PathTable Paths, Func<int, int> PathId, Func<int, UInt128> Digest);
}
