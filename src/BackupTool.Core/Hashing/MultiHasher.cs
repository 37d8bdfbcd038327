using System.Security.Cryptography;

namespace BackupTool.Core.Hashing;

/// <summary>Computes several digests of one byte stream in a single pass.</summary>
/// <remarks>Not safe for concurrent use; give each file its own instance.</remarks>
public sealed class MultiHasher : IDisposable
{
    private readonly IncrementalHash[] _hashes;

    /// <summary>Creates a hasher for the given algorithms, in that order.</summary>
    public MultiHasher(IReadOnlyList<ChecksumAlgorithm> algorithms)
    {
        Algorithms = algorithms;
        _hashes = algorithms.Select(a => a.CreateHash()).ToArray();
    }

    /// <summary>The algorithms, in the order <see cref="Finish"/> returns their digests.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Algorithms { get; }

    /// <summary>Feeds bytes to every digest.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var hash in _hashes)
        {
            hash.AppendData(data);
        }
    }

    /// <summary>Feeds <paramref name="count"/> zero bytes, as a hole in a sparse file reads.</summary>
    public void AppendZeros(long count)
    {
        ReadOnlySpan<byte> zeros = stackalloc byte[4096];
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, zeros.Length);
            Append(zeros[..chunk]);
            count -= chunk;
        }
    }

    /// <summary>Returns the lowercase hex digests and resets the hasher for the next stream.</summary>
    public string[] Finish()
    {
        var digests = new string[_hashes.Length];
        Span<byte> buffer = stackalloc byte[64];
        for (var i = 0; i < _hashes.Length; i++)
        {
            var written = _hashes[i].GetHashAndReset(buffer);
            digests[i] = Convert.ToHexStringLower(buffer[..written]);
        }

        return digests;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var hash in _hashes)
        {
            hash.Dispose();
        }
    }
}
