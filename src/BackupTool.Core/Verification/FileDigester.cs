using System.Collections.Concurrent;
using System.Security.Cryptography;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using Microsoft.Win32.SafeHandles;

namespace BackupTool.Core.Verification;

/// <summary>Computes the digests of every manifest algorithm of a bag in one read of each file.</summary>
/// <remarks>
/// The standard algorithms go through one <see cref="MultiHasher"/>; sha224 and sha384, which this
/// tool reads but never writes, get their own hashes. Hash states are pooled and each call takes
/// its own, so concurrent calls are safe.
/// </remarks>
internal sealed class FileDigester(IReadOnlyList<ManifestAlgorithm> algorithms)
{
    /// <summary>The buffer size for reading payload files.</summary>
    public const int BufferSize = 1 << 20;

    private readonly ChecksumAlgorithm[] _standard =
        algorithms.Where(a => a.Standard is not null).Select(a => a.Standard!.Value).ToArray();

    private readonly ConcurrentBag<HashState> _states = [];
    private string[]? _emptyDigests;

    /// <summary>The algorithms, in the order the <c>Hash</c> methods return digests.</summary>
    public IReadOnlyList<ManifestAlgorithm> Algorithms { get; } = algorithms;

    /// <summary>The digests of zero bytes, in the order of <see cref="Algorithms"/>.</summary>
    public string[] EmptyDigests => _emptyDigests ??= Hash(Stream.Null, [], CancellationToken.None).Digests;

    /// <summary>Reads the stream to its end and returns the lowercase hex digests and the byte count.</summary>
    public (string[] Digests, long Length) Hash(Stream stream, byte[] buffer, CancellationToken cancellation)
    {
        var state = _states.TryTake(out var pooled) ? pooled : new HashState(_standard, Algorithms);
        var finished = false;
        try
        {
            long length = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                state.Append(buffer.AsSpan(0, read));
                length += read;
            }

            var digests = state.Finish(Algorithms);
            finished = true;
            return (digests, length);
        }
        finally
        {
            Release(state, finished);
        }
    }

    /// <summary>Reads the file behind <paramref name="handle"/> and returns the lowercase hex digests and the byte count.</summary>
    /// <remarks>
    /// A short read that brings the total to <paramref name="expectedLength"/> is taken as the end of
    /// the file, because a regular file reads short only at its end; this saves the empty read per file.
    /// </remarks>
    public (string[] Digests, long Length) Hash(
        SafeFileHandle handle, long expectedLength, byte[] buffer, CancellationToken cancellation) =>
        HashHandle(handle, expectedLength, buffer, RandomAccess.Read, cancellation)!.Value;

    /// <summary>Reads a file through <paramref name="posix"/> and returns the lowercase hex digests and the byte count.</summary>
    /// <remarks>
    /// Returns null when a read fails, so that the caller can read the file again through .NET and
    /// report the error with .NET's message. The end-of-file rule is the one of the other overloads.
    /// </remarks>
    public (string[] Digests, long Length)? TryHash(PosixFileSystem posix, SafeFileHandle handle,
        long expectedLength, byte[] buffer, CancellationToken cancellation) =>
        HashHandle(handle, expectedLength, buffer, posix.TryReadAt, cancellation);

    // Reads the bytes at an offset and returns their count, 0 at the end, or -1 when the read failed.
    private delegate int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset);

    private (string[] Digests, long Length)? HashHandle(SafeFileHandle handle, long expectedLength, byte[] buffer,
        ReadAt readAt, CancellationToken cancellation)
    {
        var state = _states.TryTake(out var pooled) ? pooled : new HashState(_standard, Algorithms);
        var finished = false;
        try
        {
            long length = 0;
            int read;
            while ((read = readAt(handle, buffer, length)) > 0)
            {
                state.Append(buffer.AsSpan(0, read));
                length += read;
                if (length == expectedLength && read < buffer.Length)
                {
                    break;
                }

                cancellation.ThrowIfCancellationRequested();
            }

            var digests = state.Finish(Algorithms);
            finished = true;
            return read < 0 ? null : (digests, length);
        }
        finally
        {
            Release(state, finished);
        }
    }

    // A state left mid-file by an error or a cancellation still contains that file's bytes, so only a
    // finished, and thereby reset, state goes back to the pool.
    private void Release(HashState state, bool finished)
    {
        if (finished)
        {
            _states.Add(state);
        }
        else
        {
            state.Dispose();
        }
    }

    /// <summary>The running digests of one file; <see cref="Finish"/> resets them for the next.</summary>
    private sealed class HashState(ChecksumAlgorithm[] standard, IReadOnlyList<ManifestAlgorithm> algorithms)
        : IDisposable
    {
        private readonly MultiHasher _multi = new(standard);
        private readonly Sha224? _sha224 = algorithms.Any(a => a.Name == "sha224") ? new Sha224() : null;
        private readonly IncrementalHash? _sha384 =
            algorithms.Any(a => a.Name == "sha384") ? IncrementalHash.CreateHash(HashAlgorithmName.SHA384) : null;

        public void Append(ReadOnlySpan<byte> chunk)
        {
            _multi.Append(chunk);
            _sha224?.Append(chunk);
            _sha384?.AppendData(chunk);
        }

        public string[] Finish(IReadOnlyList<ManifestAlgorithm> order)
        {
            var standardDigests = _multi.Finish();
            var digests = new string[order.Count];
            var next = 0;
            for (var i = 0; i < digests.Length; i++)
            {
                digests[i] = order[i].Name switch
                {
                    "sha224" => Convert.ToHexStringLower(_sha224!.Finish()),
                    "sha384" => Convert.ToHexStringLower(_sha384!.GetHashAndReset()),
                    _ => standardDigests[next++],
                };
            }

            return digests;
        }

        public void Dispose()
        {
            _multi.Dispose();
            _sha384?.Dispose();
        }
    }
}
