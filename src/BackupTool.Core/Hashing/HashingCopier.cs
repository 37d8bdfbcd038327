using System.Buffers;
using System.IO.Abstractions;

namespace BackupTool.Core.Hashing;

/// <summary>Copies a file while hashing its bytes, so the source is read exactly once.</summary>
/// <remarks>
/// Pipeline: read the source in 1 MiB blocks, feed each block to every digest, write it to the
/// target, then re-read the target and compare digests. For a sparse source, blocks of zeros are
/// skipped instead of written, so holes stay holes. Safe to call concurrently for different files;
/// each call uses its own buffer and hashers.
/// </remarks>
public sealed class HashingCopier(IFileSystem fileSystem, IReadOnlyList<ChecksumAlgorithm> algorithms)
{
    /// <summary>Size of the read and write blocks.</summary>
    public const int BlockSize = 1 << 20;

    private const int HoleGranularity = 4096;

    /// <summary>The algorithms, in the order of <see cref="CopyResult.Digests"/>.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Algorithms => algorithms;

    /// <summary>Copies <paramref name="sourcePath"/> to a new file at <paramref name="targetPath"/>.</summary>
    /// <param name="sourcePath">The file to read.</param>
    /// <param name="targetPath">The file to create; it must not exist.</param>
    /// <param name="sparse">True to leave blocks of zeros as holes in the target.</param>
    /// <param name="cancellation">Stops the copy between blocks.</param>
    /// <remarks>On failure or cancellation the partly written target is left for the caller to remove.</remarks>
    public CopyResult Copy(string sourcePath, string targetPath, bool sparse, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            return Copy(sourcePath, targetPath, sparse, buffer, cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a whole file and returns its digests, to prove a copy was written correctly.</summary>
    public CopyResult Hash(string path, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            return Hash(path, buffer, cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CopyResult Copy(string sourcePath, string targetPath, bool sparse, byte[] buffer, CancellationToken cancellation)
    {
        using var hasher = new MultiHasher(algorithms);
        using var source = OpenSource(sourcePath);
        using var target = fileSystem.FileStream.New(targetPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
            1);
        long length = 0;
        int read;
        while ((read = ReadSourceBlock(source, buffer, sourcePath)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var block = buffer.AsSpan(0, read);
            hasher.Append(block);
            if (sparse)
            {
                WriteSparse(target, block);
            }
            else
            {
                target.Write(block);
            }

            length += read;
        }

        if (sparse)
        {
            target.SetLength(length);
        }

        return new CopyResult(hasher.Finish(), length);
    }

    private CopyResult Hash(string path, byte[] buffer, CancellationToken cancellation)
    {
        using var hasher = new MultiHasher(algorithms);
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
            FileOptions.SequentialScan);
        long length = 0;
        int read;
        while ((read = ReadBlock(stream, buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            hasher.Append(buffer.AsSpan(0, read));
            length += read;
        }

        return new CopyResult(hasher.Finish(), length);
    }

    private Stream OpenSource(string path)
    {
        try
        {
            return fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1,
                FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, ReasonOf(exception), exception);
        }
    }

    private static int ReadSourceBlock(Stream source, byte[] buffer, string path)
    {
        try
        {
            return ReadBlock(source, buffer);
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

    private static int ReadBlock(Stream stream, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
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

    private static bool IsZeroChunk(ReadOnlySpan<byte> block, int offset) =>
        !block.Slice(offset, Math.Min(HoleGranularity, block.Length - offset)).ContainsAnyExcept((byte)0);
}
