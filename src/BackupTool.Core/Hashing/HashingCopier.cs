using System.Buffers;
using System.IO.Abstractions;
using BackupTool.Core.Posix;

namespace BackupTool.Core.Hashing;

/// <summary>Copies a file while hashing its bytes, so each call reads the source once.</summary>
/// <remarks>
/// Pipeline: read the source in 1 MiB blocks, feed each block to every digest, write it to the
/// target, then read the block back from the target and compare it byte for byte with the bytes
/// hashed. Comparing costs a small fraction of a second hashing pass over the copy, and proves more:
/// equal bytes, not equal digests. For a sparse source, blocks of zeros are skipped instead of
/// written, so holes stay holes. Safe to call concurrently for different files, because each call
/// rents its own buffers from the shared array pool and creates its own hashers.
/// With <c>writeback</c> set, the copier has the kernel start writing every
/// <see cref="WritebackInterval"/> bytes of a file, and the rest of such a file at its end, so that
/// a final flush of the file system finds little left to write.
/// </remarks>
public sealed class HashingCopier(
    IFileSystem fileSystem, IReadOnlyList<ChecksumAlgorithm> algorithms, IPosixFileSystem? writeback = null)
{
    /// <summary>Size of the read and write blocks.</summary>
    public const int BlockSize = 1 << 20;

    /// <summary>Bytes written between two requests to start writeback.</summary>
    public const int WritebackInterval = 8 << 20;

    private const int HoleGranularity = 4096;

    /// <summary>The algorithms, in the order of <see cref="CopyResult.Digests"/>.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Algorithms => algorithms;

    /// <summary>Copies <paramref name="sourcePath"/> to a new file at <paramref name="targetPath"/>.</summary>
    /// <param name="sourcePath">The file to read.</param>
    /// <param name="targetPath">The file to create; it must not exist.</param>
    /// <param name="sparse">True to leave blocks of zeros as holes in the target.</param>
    /// <param name="readBack">
    /// True to read each block back through the handle that wrote it and set
    /// <see cref="CopyResult.ReadBackMatches"/>; reusing the handle saves an open and a close per file.
    /// </param>
    /// <param name="cancellation">Stops the copy between blocks.</param>
    /// <param name="expectedLength">
    /// The source size from its status, or -1 if unknown. A short read that reaches this size ends the
    /// copy without another read to find the end, which saves two reads per small file. A file that
    /// already grew is copied in full. To catch a file that grows after the last read, the caller
    /// compares the source status afterwards.
    /// </param>
    /// <remarks>On failure or cancellation the partly written target is left for the caller to remove.</remarks>
    public CopyResult Copy(string sourcePath, string targetPath, bool sparse, CancellationToken cancellation,
        bool readBack = false, long expectedLength = -1)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var check = readBack ? ArrayPool<byte>.Shared.Rent(BlockSize) : null;
        try
        {
            var request = new CopyRequest(sourcePath, targetPath, sparse, readBack, expectedLength);
            return Copy(request, buffer.AsSpan(0, BlockSize), check.AsSpan(0, readBack ? BlockSize : 0), cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (check is not null)
            {
                ArrayPool<byte>.Shared.Return(check);
            }
        }
    }

    /// <summary>Reads a whole file and returns its digests, to prove a copy was written correctly.</summary>
    public CopyResult Hash(string path, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            return Hash(path, buffer.AsSpan(0, BlockSize), cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CopyResult Copy(CopyRequest request, Span<byte> buffer, Span<byte> check, CancellationToken cancellation)
    {
        var (sourcePath, targetPath, sparse, readBack, expectedLength) = request;
        using var hasher = new MultiHasher(algorithms);
        using var source = OpenSource(sourcePath, expectedLength);
        using var target = fileSystem.FileStream.New(targetPath, FileMode.CreateNew,
            readBack ? FileAccess.ReadWrite : FileAccess.Write, FileShare.None, 1);
        long length = 0;
        long writebackStart = 0;
        var matches = true;
        int read;
        var atEnd = false;
        while (!atEnd
            && (read = ReadSourceBlock(source, buffer, Remaining(expectedLength, length), sourcePath, out atEnd)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var block = buffer[..read];
            hasher.Append(block);
            if (sparse)
            {
                WriteSparse(target, block);
            }
            else
            {
                target.Write(block);
            }

            if (readBack && matches)
            {
                matches = ReadsBackAs(target, block, check, sparse);
            }

            length += read;
            if (writeback is not null && length - writebackStart >= WritebackInterval)
            {
                writeback.StartWriteback(target, writebackStart, length - writebackStart);
                writebackStart = length;
            }
        }

        if (sparse)
        {
            target.SetLength(length);
        }

        // Files smaller than one interval are left to the final flush. Starting writeback after each
        // of them made durable create of 4,907 files (124 KiB on average) slower in three runs.
        if (writeback is not null && length >= WritebackInterval && length > writebackStart)
        {
            writeback.StartWriteback(target, writebackStart, length - writebackStart);
        }

        var digests = hasher.Finish();
        if (!readBack)
        {
            return new CopyResult(digests, length);
        }

        // A sparse copy gets its length from SetLength, not from the writes, so check it.
        matches = matches && (!sparse || target.Length == length);
        return new CopyResult(digests, length) { ReadBackMatches = matches };
    }

    // Reads the block just written back through the target's handle (the position returns to the
    // block's end) and compares bytes. A sparse block that ends in a hole past the current end of
    // the file reads back short, because SetLength adds those zeros only at the end.
    private static bool ReadsBackAs(Stream target, ReadOnlySpan<byte> block, Span<byte> check, bool sparse)
    {
        target.Seek(-block.Length, SeekOrigin.Current);
        var read = ReadBlock(target, check[..block.Length], block.Length, out _);
        target.Seek(block.Length - read, SeekOrigin.Current);
        return check[..read].SequenceEqual(block[..read])
            && (read == block.Length || (sparse && !block[read..].ContainsAnyExcept((byte)0)));
    }

    private CopyResult Hash(string path, Span<byte> buffer, CancellationToken cancellation)
    {
        using var hasher = new MultiHasher(algorithms);
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
            FileOptions.SequentialScan);
        return Hash(stream, hasher, buffer, -1, cancellation);
    }

    private static CopyResult Hash(Stream stream, MultiHasher hasher, Span<byte> buffer, long expectedLength,
        CancellationToken cancellation)
    {
        long length = 0;
        int read;
        var atEnd = false;
        while (!atEnd && (read = ReadBlock(stream, buffer, Remaining(expectedLength, length), out atEnd)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            hasher.Append(buffer[..read]);
            length += read;
        }

        return new CopyResult(hasher.Finish(), length);
    }

    private Stream OpenSource(string path, long expectedLength)
    {
        // Read-ahead advice costs a system call and cannot help a file that fits in one block.
        var options = expectedLength is >= 0 and < BlockSize ? FileOptions.None : FileOptions.SequentialScan;
        try
        {
            return fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, options);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, ReasonOf(exception), exception);
        }
    }

    private static int ReadSourceBlock(Stream source, Span<byte> buffer, long remaining, string path, out bool atEnd)
    {
        try
        {
            return ReadBlock(source, buffer, remaining, out atEnd);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, ReasonOf(exception), exception);
        }
    }

    private static string ReasonOf(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "it no longer exists",
        _ => exception.Message.TrimEnd('.'),
    };

    private static long Remaining(long expectedLength, long length) =>
        expectedLength < 0 ? -1 : Math.Max(expectedLength - length, 0);

    // Fills the buffer and sets `atEnd` at the end of the stream. A short read that reaches the
    // expected `remaining` bytes (negative when unknown) counts as the end, which saves the read
    // that would return nothing. A file that grew past its status size is still read in full.
    private static int ReadBlock(Stream stream, Span<byte> buffer, long remaining, out bool atEnd)
    {
        atEnd = false;
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer[filled..]);
            if (read == 0)
            {
                atEnd = true;
                break;
            }

            filled += read;
            if (remaining >= 0 && filled >= remaining && filled < buffer.Length)
            {
                atEnd = true;
                break;
            }
        }

        return filled;
    }

    private static void WriteSparse(Stream target, ReadOnlySpan<byte> block)
    {
        var offset = 0;
        while (offset < block.Length)
        {
            var zeros = IsZeroChunk(block, offset);
            var end = offset;
            while (end < block.Length && IsZeroChunk(block, end) == zeros)
            {
                end += HoleGranularity;
            }

            end = Math.Min(end, block.Length);
            if (zeros)
            {
                target.Seek(end - offset, SeekOrigin.Current);
            }
            else
            {
                target.Write(block[offset..end]);
            }

            offset = end;
        }
    }

    private readonly record struct CopyRequest(
        string SourcePath, string TargetPath, bool Sparse, bool ReadBack, long ExpectedLength);

    private static bool IsZeroChunk(ReadOnlySpan<byte> block, int offset) =>
        !block.Slice(offset, Math.Min(HoleGranularity, block.Length - offset)).ContainsAnyExcept((byte)0);
}
