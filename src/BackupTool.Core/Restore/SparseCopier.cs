using System.Buffers;
using System.IO.Abstractions;
using BackupTool.Core.Hashing;

namespace BackupTool.Core.Restore;

/// <summary>Copies one file while hashing it, seeking over all-zero blocks so that holes stay holes.</summary>
/// <remarks>
/// Safe to call concurrently for different files: each call rents its own 1 MiB buffer and hasher.
/// A copy that throws leaves a partial output file behind, which the caller removes.
/// </remarks>
public sealed class SparseCopier(IFileSystem fileSystem)
{
    /// <summary>The size of the read buffer.</summary>
    public const int BufferSize = 1 << 20;

    /// <summary>The block size checked for zeros; a hole is made of whole blocks.</summary>
    public const int BlockSize = 4096;

    /// <summary>Copies <paramref name="source"/> to a new file at <paramref name="destination"/>.</summary>
    /// <returns>The digests of the bytes read, in the order of <paramref name="algorithms"/>, and the length.</returns>
    /// <exception cref="IOException">The destination exists or a read or write failed.</exception>
    public (string[] Digests, long Length) Copy(string source, string destination,
        IReadOnlyList<ChecksumAlgorithm> algorithms, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hasher = new MultiHasher(algorithms);
            using var input = fileSystem.FileStream.New(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            using var output = fileSystem.FileStream.New(destination, FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1);
            long length = 0;
            var endsWithHole = false;
            int read;
            while ((read = input.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                var chunk = buffer.AsSpan(0, read);
                hasher.Append(chunk);
                endsWithHole = WriteSkippingZeros(output, chunk);
                length += read;
            }

            // A hole at the end is only a seek so far; the length makes it part of the file.
            if (endsWithHole)
            {
                output.SetLength(length);
            }

            return (hasher.Finish(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Returns whether the chunk ended with a skipped block.
    private static bool WriteSkippingZeros(Stream output, ReadOnlySpan<byte> chunk)
    {
        var offset = 0;
        var skipped = false;
        while (offset < chunk.Length)
        {
            var zeros = IsZeroBlock(chunk, offset);
            var end = offset;
            while (end < chunk.Length && IsZeroBlock(chunk, end) == zeros)
            {
                end += Math.Min(BlockSize, chunk.Length - end);
            }

            if (zeros)
            {
                output.Seek(end - offset, SeekOrigin.Current);
            }
            else
            {
                output.Write(chunk[offset..end]);
            }

            skipped = zeros;
            offset = end;
        }

        return skipped;
    }

    private static bool IsZeroBlock(ReadOnlySpan<byte> chunk, int offset)
    {
        var block = chunk.Slice(offset, Math.Min(BlockSize, chunk.Length - offset));
        return block.IndexOfAnyExcept((byte)0) < 0;
    }
}
