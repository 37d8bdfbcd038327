using BackupTool.Core.Manifests;

namespace BackupTool.Core.Restore;

/// <summary>Matches sorted payload manifests against paths asked for in the same order, in constant memory.</summary>
/// <remarks>
/// Each manifest is read with its own cursor. <see cref="Claim"/> moves every cursor up to the
/// path: entries passed over were not asked for and are kept for <see cref="Unclaimed"/>. A path
/// asked for below the previous one sets <see cref="OutOfOrder"/>, after which the results of
/// this pass are not reliable and the caller falls back to <see cref="DictionaryPayloadIndex"/>.
/// </remarks>
internal sealed class StreamingPayloadIndex : IPayloadIndex
{
    private readonly IEnumerator<(string Path, string Digest)>[] _cursors;
    private readonly bool[] _hasCurrent;
    private readonly PayloadManifests _manifests;
    private readonly List<string> _problems = [];
    private readonly List<string> _unclaimed = [];
    private string? _previous;

    public StreamingPayloadIndex(PayloadManifests manifests)
    {
        _manifests = manifests;
        _cursors = Enumerable.Range(0, manifests.Manifests.Count).Select(i => manifests.Read(i).GetEnumerator()).ToArray();
        _hasCurrent = _cursors.Select(c => c.MoveNext()).ToArray();
    }

    /// <inheritdoc/>
    public bool OutOfOrder { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Problems => _problems;

    /// <inheritdoc/>
    public string[]? Claim(string path)
    {
        if (_previous is not null && PathComparer.Instance.Compare(path, _previous) <= 0)
        {
            OutOfOrder = true;
        }

        _previous = path;
        var digests = new string[_cursors.Length];
        var found = 0;
        for (var i = 0; i < _cursors.Length; i++)
        {
            digests[i] = Advance(i, path)!;
            found += digests[i] is null ? 0 : 1;
        }

        if (found > 0 && found < _cursors.Length)
        {
            var missing = Enumerable.Range(0, _cursors.Length).First(i => digests[i] is null);
            _problems.Add($"data/{path} is missing from {_manifests.Manifests[missing].FileName}");
        }

        return found == 0 ? null : digests;
    }

    /// <inheritdoc/>
    public IEnumerable<string> Unclaimed()
    {
        for (var i = 0; i < _cursors.Length; i++)
        {
            while (_hasCurrent[i])
            {
                _unclaimed.Add(_cursors[i].Current.Path);
                _hasCurrent[i] = _cursors[i].MoveNext();
            }
        }

        return _unclaimed.Distinct(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var cursor in _cursors)
        {
            cursor.Dispose();
        }
    }

    // Moves cursor i past every entry below path; returns the digest when the next entry is path.
    private string? Advance(int i, string path)
    {
        while (_hasCurrent[i])
        {
            var (current, digest) = _cursors[i].Current;
            var order = PathComparer.Instance.Compare(current, path);
            if (order > 0)
            {
                return null;
            }

            _hasCurrent[i] = _cursors[i].MoveNext();
            if (order == 0)
            {
                return digest;
            }

            _unclaimed.Add(current);
        }

        return null;
    }
}
