using System.Security.Cryptography;
using BackupTool.Core.Hashing;

namespace BackupTool.Core.Verification;

/// <summary>Computes the digests of every manifest algorithm of a bag in one read of each file.</summary>
/// <remarks>
/// The standard algorithms go through one <see cref="MultiHasher"/>; sha224 and sha384, which this
/// tool reads but never writes, get their own hashes. Each call creates its own hash state, so
/// concurrent calls are safe.
/// </remarks>
internal sealed class FileDigester(IReadOnlyList<ManifestAlgorithm> algorithms)
{
    /// <summary>The buffer size for reading payload files.</summary>
    public const int BufferSize = 1 << 20;

    private readonly ChecksumAlgorithm[] _standard =
        algorithms.Where(a => a.Standard is not null).Select(a => a.Standard!.Value).ToArray();

    /// <summary>The algorithms, in the order <see cref="HashAsync"/> returns digests.</summary>
    public IReadOnlyList<ManifestAlgorithm> Algorithms { get; } = algorithms;

    /// <summary>Reads the stream to its end and returns the lowercase hex digests and the byte count.</summary>
    public async Task<(string[] Digests, long Length)> HashAsync(Stream stream, byte[] buffer, CancellationToken cancellation)
    {
        using var multi = new MultiHasher(_standard);
        var sha224 = Algorithms.Any(a => a.Name == "sha224") ? new Sha224() : null;
        using var sha384 = Algorithms.Any(a => a.Name == "sha384") ? IncrementalHash.CreateHash(HashAlgorithmName.SHA384) : null;
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellation)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            multi.Append(chunk);
            sha224?.Append(chunk);
            sha384?.AppendData(chunk);
            length += read;
        }

        var standardDigests = multi.Finish();
        var digests = new string[Algorithms.Count];
        var next = 0;
        for (var i = 0; i < digests.Length; i++)
        {
            digests[i] = Algorithms[i].Name switch
            {
                "sha224" => Convert.ToHexStringLower(sha224!.Finish()),
                "sha384" => Convert.ToHexStringLower(sha384!.GetHashAndReset()),
                _ => standardDigests[next++],
            };
        }

        return (digests, length);
    }
}
