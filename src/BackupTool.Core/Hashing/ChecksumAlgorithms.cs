using System.Security.Cryptography;

namespace BackupTool.Core.Hashing;

/// <summary>Names, sizes and hash factories of the supported checksum algorithms.</summary>
public static class ChecksumAlgorithms
{
    /// <summary>Every supported algorithm, strongest last.</summary>
    public static IReadOnlyList<ChecksumAlgorithm> All { get; } =
        [ChecksumAlgorithm.Md5, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256, ChecksumAlgorithm.Sha512];

    /// <summary>Returns the lowercase name BagIt uses in manifest file names, such as <c>md5</c>.</summary>
    public static string ManifestName(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Md5 => "md5",
        ChecksumAlgorithm.Sha1 => "sha1",
        ChecksumAlgorithm.Sha256 => "sha256",
        ChecksumAlgorithm.Sha512 => "sha512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Returns the number of hexadecimal digits in a digest of the algorithm.</summary>
    public static int HexLength(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Md5 => 32,
        ChecksumAlgorithm.Sha1 => 40,
        ChecksumAlgorithm.Sha256 => 64,
        ChecksumAlgorithm.Sha512 => 128,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Returns whether the algorithm is too weak to detect deliberate tampering.</summary>
    public static bool IsWeak(this ChecksumAlgorithm algorithm) =>
        algorithm is ChecksumAlgorithm.Md5 or ChecksumAlgorithm.Sha1;

    /// <summary>Parses a manifest algorithm name such as <c>sha256</c>, ignoring case.</summary>
    /// <returns>False when the name is not a supported algorithm.</returns>
    public static bool TryParse(string name, out ChecksumAlgorithm algorithm)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ManifestName(), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>Creates an incremental hash for the algorithm.</summary>
    public static IncrementalHash CreateHash(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Md5 => IncrementalHash.CreateHash(HashAlgorithmName.MD5),
        ChecksumAlgorithm.Sha1 => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        ChecksumAlgorithm.Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        ChecksumAlgorithm.Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}
