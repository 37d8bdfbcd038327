namespace BackupTool.Core.Hashing;

/// <summary>A checksum algorithm that a BagIt manifest can name.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>MD5, the default, checkable with <c>md5sum -c</c>.</summary>
    Md5,

    /// <summary>SHA-1.</summary>
    Sha1,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-512.</summary>
    Sha512,
}
