using System.Text;

namespace BackupTool.Core.Auditing;

/// <summary>Paths stored as UTF-8 in shared 1 MiB chunks and addressed by an integer id.</summary>
/// <remarks>
/// A path costs its UTF-8 length plus 12 bytes, against about 2 bytes a character plus a 24-byte
/// header and a reference for a .NET string, which is what keeps the audit of a million files in
/// bounded memory. Byte order of UTF-8 is code point order, so <see cref="Compare(int, int)"/>
/// orders paths as <see cref="Manifests.PathComparer"/> does. Reading is safe from several threads
/// once adding has stopped; adding is not thread-safe.
/// </remarks>
internal sealed class Utf8PathTable
{
    private const int ChunkSize = 1 << 20;

    private readonly List<byte[]> _chunks = [];
    private readonly List<Location> _locations = [];
    private int _used = ChunkSize;

    /// <summary>The number of paths added.</summary>
    public int Count => _locations.Count;

    /// <summary>Stores <paramref name="path"/> and returns its id, which counts up from 0.</summary>
    public int Add(string path)
    {
        var length = Encoding.UTF8.GetByteCount(path);
        if (length > ChunkSize - _used)
        {
            // A path longer than a chunk gets a chunk of its own.
            _chunks.Add(new byte[Math.Max(length, ChunkSize)]);
            _used = 0;
        }

        var chunk = _chunks.Count - 1;
        Encoding.UTF8.GetBytes(path, _chunks[chunk].AsSpan(_used, length));
        _locations.Add(new Location(chunk, _used, length));
        _used += length;
        return _locations.Count - 1;
    }

    /// <summary>Returns the UTF-8 bytes of path <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int id)
    {
        var location = _locations[id];
        return _chunks[location.Chunk].AsSpan(location.Offset, location.Length);
    }

    /// <summary>Decodes path <paramref name="id"/> into a new string.</summary>
    public string GetString(int id) => Encoding.UTF8.GetString(Bytes(id));

    /// <summary>Returns the UTF-8 bytes of the last segment of path <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> FileName(int id)
    {
        var bytes = Bytes(id);
        return bytes[(bytes.LastIndexOf((byte)'/') + 1)..];
    }

    /// <summary>Compares two paths of this table in <see cref="Manifests.PathComparer"/> order.</summary>
    public int Compare(int left, int right) => Bytes(left).SequenceCompareTo(Bytes(right));

    /// <summary>Compares a path of this table with a path of <paramref name="other"/>.</summary>
    public int Compare(int id, Utf8PathTable other, int otherId) => Bytes(id).SequenceCompareTo(other.Bytes(otherId));

    private readonly record struct Location(int Chunk, int Offset, int Length);
}
