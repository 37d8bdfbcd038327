using System.Collections;

namespace BackupTool.Core.Auditing;

/// <summary>A read-only list of paths from a <see cref="Utf8PathTable"/>, decoded to strings only when read.</summary>
/// <remarks>
/// The audit's unchanged and new files and a restore's planned paths can number in the millions.
/// A list of ids costs 4 bytes a path, and the table stores each path once, as UTF-8.
/// </remarks>
internal sealed class PathList(Utf8PathTable table) : IReadOnlyList<string>
{
    private readonly List<int> _ids = [];

    /// <inheritdoc/>
    public int Count => _ids.Count;

    /// <inheritdoc/>
    public string this[int index] => table.GetString(_ids[index]);

    /// <summary>Appends path <paramref name="id"/> of the table.</summary>
    public void Add(int id) => _ids.Add(id);

    /// <summary>Stores <paramref name="path"/> in the table and appends it.</summary>
    public void Add(string path) => _ids.Add(table.Add(path));

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var id in _ids)
        {
            yield return table.GetString(id);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
