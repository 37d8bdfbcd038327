namespace BackupTool.Core.Restore;

/// <summary>Every payload manifest entry in a dictionary, for manifests that are not sorted.</summary>
/// <remarks>
/// NOTE: this keeps every path and digest in memory, an estimated 300 bytes a file. Manifests
/// written by this tool are sorted and go through <see cref="StreamingPayloadIndex"/> instead.
/// </remarks>
internal sealed class DictionaryPayloadIndex : IPayloadIndex
{
    private readonly Dictionary<string, PayloadFile> _files = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <inheritdoc/>
    public bool OutOfOrder => false;

    /// <inheritdoc/>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Reads every manifest into memory and reports repeated and missing entries.</summary>
    public static DictionaryPayloadIndex Load(PayloadManifests manifests, CancellationToken cancellation)
    {
        var index = new DictionaryPayloadIndex();
        var count = manifests.Manifests.Count;
        for (var i = 0; i < count; i++)
        {
            foreach (var (path, digest) in manifests.Read(i))
            {
                cancellation.ThrowIfCancellationRequested();
                index.Add(manifests.Manifests[i].FileName, i, count, path, digest);
            }
        }

        index.CheckComplete(manifests);
        return index;
    }

    /// <inheritdoc/>
    public string[]? Claim(string path)
    {
        if (!_files.TryGetValue(path, out var file))
        {
            return null;
        }

        file.Claimed = true;
        return file.Digests;
    }

    /// <inheritdoc/>
    public IEnumerable<string> Unclaimed() => _files.Where(f => !f.Value.Claimed).Select(f => f.Key);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Add(string manifest, int index, int count, string path, string digest)
    {
        if (!_files.TryGetValue(path, out var file))
        {
            file = new PayloadFile(new string[count]);
            _files.Add(path, file);
        }

        if (file.Digests[index] is not null)
        {
            _problems.Add($"{manifest} lists data/{path} a second time");
            return;
        }

        file.Digests[index] = digest;
    }

    private void CheckComplete(PayloadManifests manifests)
    {
        foreach (var (path, file) in _files)
        {
            for (var i = 0; i < file.Digests.Length; i++)
            {
                if (file.Digests[i] is null)
                {
                    _problems.Add($"data/{path} is missing from {manifests.Manifests[i].FileName}");
                }
            }
        }
    }
}
