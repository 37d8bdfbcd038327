using BackupTool.Core.Hashing;

namespace BackupTool.Core.Verification;

/// <summary>A checksum algorithm named by a manifest file, such as <c>sha256</c> in <c>manifest-sha256.txt</c>.</summary>
/// <param name="Name">The lowercase name as the file name writes it.</param>
/// <param name="HexLength">The number of hexadecimal digits of a digest.</param>
/// <param name="Standard">The matching algorithm this tool also writes, or null for sha224 and sha384.</param>
public sealed record ManifestAlgorithm(string Name, int HexLength, ChecksumAlgorithm? Standard)
{
    private static readonly ManifestAlgorithm[] Known =
    [
        .. ChecksumAlgorithms.All.Select(a => new ManifestAlgorithm(a.ManifestName(), a.HexLength(), a)),
        new("sha224", 56, null),
        new("sha384", 96, null),
    ];

    /// <summary>Whether the algorithm is too weak to detect deliberate tampering (md5, sha1).</summary>
    public bool IsWeak => Standard?.IsWeak() ?? false;

    /// <summary>Finds the algorithm a manifest name such as <c>SHA256</c> stands for, ignoring case.</summary>
    /// <returns>Null when this tool cannot compute the algorithm.</returns>
    public static ManifestAlgorithm? Find(string name) =>
        Known.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
