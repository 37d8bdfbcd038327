namespace BackupTool.Core.Verification;

/// <summary>Joins the sorted payload manifests with the sorted walk of <c>data/</c>, one path at a time.</summary>
/// <remarks>
/// Memory stays bounded by the leftovers: paths only the manifests list (<see cref="Missing"/>) and
/// files no manifest lists (<see cref="Unexpected"/>), which are resolved after the join. Paths found
/// on both sides are yielded for hashing as soon as they are met. Not safe for concurrent use;
/// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// serializes its calls to the enumerator.
/// </remarks>
internal sealed class PayloadMerger(IReadOnlyList<ManifestFile> manifests, bool strict, VerificationFindings findings)
{
    /// <summary>Listed paths for which the walk found no file.</summary>
    public List<PayloadItem> Missing { get; } = [];

    /// <summary>Files that no manifest lists.</summary>
    public List<PayloadFile> Unexpected { get; } = [];

    /// <summary>Yields every path that is both listed and present, recording the rest.</summary>
    public IEnumerable<PayloadItem> Merge(IEnumerable<PayloadFile> walk)
    {
        var cursors = manifests.Select(m => m.Entries().GetEnumerator()).ToArray();
        var hasEntry = cursors.Select(c => c.MoveNext()).ToArray();
        using var files = walk.GetEnumerator();
        var hasFile = files.MoveNext();
        try
        {
            while (NextPath(cursors, hasEntry, hasFile ? files.Current : null) is { } path)
            {
                var listings = TakeListings(path, cursors, hasEntry);
                PayloadFile? file = null;
                if (hasFile && files.Current.Path == path)
                {
                    file = files.Current;
                    hasFile = files.MoveNext();
                }

                if (Classify(path, listings, file) is { } item)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }

    private static string? NextPath(IEnumerator<ManifestEntry>[] cursors, bool[] hasEntry, PayloadFile? file)
    {
        var next = file?.Path;
        for (var i = 0; i < cursors.Length; i++)
        {
            if (hasEntry[i] && (next is null || Manifests.PathComparer.Instance.Compare(cursors[i].Current.Path, next) < 0))
            {
                next = cursors[i].Current.Path;
            }
        }

        return next;
    }

    private ManifestEntry?[] TakeListings(string path, IEnumerator<ManifestEntry>[] cursors, bool[] hasEntry)
    {
        var listings = new ManifestEntry?[cursors.Length];
        for (var i = 0; i < cursors.Length; i++)
        {
            if (!hasEntry[i] || cursors[i].Current.Path != path)
            {
                continue;
            }

            var first = cursors[i].Current;
            listings[i] = first;
            while ((hasEntry[i] = cursors[i].MoveNext()) && cursors[i].Current.Path == path)
            {
                ReportDuplicate(manifests[i], first, cursors[i].Current);
            }
        }

        return listings;
    }

    private void ReportDuplicate(ManifestFile manifest, ManifestEntry first, ManifestEntry again)
    {
        if (again.Digest != first.Digest)
        {
            findings.Problem(ProblemKind.DuplicateEntry, again.Path, again.Line,
                $"{manifest.FileName} lists it again on line {again.Line} with another checksum than on line {first.Line}");
        }
        else if (strict)
        {
            findings.Problem(ProblemKind.DuplicateEntry, again.Path, again.Line,
                $"{manifest.FileName} lists it again on line {again.Line} (first on line {first.Line}); "
                + "BagIt 1.0 allows each payload file once per manifest");
        }
        else
        {
            findings.Warning(manifest.FileName, again.Line,
                $"'{again.Path}' is listed again with the same checksum (first on line {first.Line})");
        }
    }

    private PayloadItem? Classify(string path, ManifestEntry?[] listings, PayloadFile? file)
    {
        var listed = listings.Any(l => l is not null);
        if (!listed)
        {
            Unexpected.Add(file!);
            return null;
        }

        findings.Counts.AddListed();
        var item = new PayloadItem(path, listings, path, file?.Length ?? 0);
        if (file is null)
        {
            Missing.Add(item);
            return null;
        }

        if (strict)
        {
            for (var i = 0; i < listings.Length; i++)
            {
                if (listings[i] is null)
                {
                    findings.Problem(ProblemKind.Unexpected, path, null,
                        $"not listed in {manifests[i].FileName}; BagIt 1.0 requires every payload file in every manifest");
                }
            }
        }

        return item;
    }
}
