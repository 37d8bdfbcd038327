using System.Collections;

namespace BackupTool.Core.Auditing;

/// <summary>A read-only list of report items, each stored as two path ids and built only when read.</summary>
/// <remarks>
/// Moved, modified and missing files can number in the millions when a tree is reorganised or
/// mostly gone, and two ids cost 8 bytes where a record with two path strings costs an estimated 150 or more.
/// </remarks>
/// <param name="create">Builds an item from its two ids; the second id is -1 when it is absent.</param>
internal sealed class PathPairList<T>(Func<int, int, T> create) : IReadOnlyList<T>
{
    private readonly List<(int First, int Second)> _pairs = [];

    /// <inheritdoc/>
    public int Count => _pairs.Count;

    /// <inheritdoc/>
    public T this[int index] => create(_pairs[index].First, _pairs[index].Second);

    /// <summary>Appends an item stored as the ids <paramref name="first"/> and <paramref name="second"/>.</summary>
    public void Add(int first, int second) => _pairs.Add((first, second));

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var (first, second) in _pairs)
        {
            yield return create(first, second);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
