namespace BackupTool.Core.Verification;

/// <summary>The kind of a problem that makes a bag invalid or incomplete.</summary>
public enum ProblemKind
{
    /// <summary>A payload file's digest differs from its manifest entry.</summary>
    Modified,

    /// <summary>A file a manifest lists is absent.</summary>
    Missing,

    /// <summary>A file in <c>data/</c> that no payload manifest lists, or that one manifest leaves out.</summary>
    Unexpected,

    /// <summary>A listed file exists but could not be read.</summary>
    Unreadable,

    /// <summary>A manifest line that cannot be parsed.</summary>
    MalformedLine,

    /// <summary>A tag file's digest differs from its tag manifest entry, or a listed tag file is absent.</summary>
    TagFileDamaged,

    /// <summary>The bag has no payload manifest.</summary>
    ManifestMissing,

    /// <summary>A payload manifest lists no file.</summary>
    ManifestEmpty,

    /// <summary>The Payload-Oxum of <c>bag-info.txt</c> differs from the payload on disk.</summary>
    PayloadOxumMismatch,

    /// <summary>A path leaves the bag, or a payload manifest names a path outside <c>data/</c>.</summary>
    PathOutsideBag,

    /// <summary>A manifest lists the same path more than once.</summary>
    DuplicateEntry,

    /// <summary>A manifest uses a checksum algorithm this tool cannot compute.</summary>
    UnsupportedAlgorithm,

    /// <summary>A listed file is absent but <c>fetch.txt</c> names a URL for it: the bag is incomplete.</summary>
    FetchPending,

    /// <summary><c>bagit.txt</c> is missing or malformed.</summary>
    InvalidDeclaration,

    /// <summary>A line of <c>bag-info.txt</c> or <c>fetch.txt</c> breaks the format.</summary>
    InvalidMetadata,

    /// <summary>A snapshot written by this tool lacks its tag manifest.</summary>
    TagManifestMissing,
}
