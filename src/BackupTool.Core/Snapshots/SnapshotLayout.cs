using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>File names and labels of a snapshot folder.</summary>
public static class SnapshotLayout
{
    /// <summary>The payload folder holding the copy of the source tree.</summary>
    public const string DataFolder = "data";

    /// <summary>The BagIt metadata tag file.</summary>
    public const string BagInfoFile = "bag-info.txt";

    /// <summary>The human-readable guide inside each snapshot.</summary>
    public const string ReadmeFile = "README.md";

    /// <summary>The bag-info label holding the absolute source path.</summary>
    public const string SourcePathLabel = "Source-Path";

    /// <summary>The bag-info label holding the host name the snapshot was taken on.</summary>
    public const string SourceHostLabel = "Source-Host";

    /// <summary>The bag-info label present, with value <c>true</c>, when entries were skipped.</summary>
    public const string IncompleteLabel = "Backup-Incomplete";

    /// <summary>The bag-info label repeated once for each skipped path.</summary>
    public const string SkippedPathLabel = "Backup-Skipped-Path";

    /// <summary>The suffix of the hidden folder a snapshot is built in.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Returns the payload manifest name for an algorithm, such as <c>manifest-md5.txt</c>.</summary>
    public static string ManifestFile(ChecksumAlgorithm algorithm) => $"manifest-{algorithm.ManifestName()}.txt";

    /// <summary>Returns the tag manifest name for an algorithm, such as <c>tagmanifest-md5.txt</c>.</summary>
    public static string TagManifestFile(ChecksumAlgorithm algorithm) => $"tagmanifest-{algorithm.ManifestName()}.txt";

    /// <summary>Returns the name of the hidden folder a snapshot called <paramref name="name"/> is built in.</summary>
    public static string PartialFolderName(string name) => "." + name + PartialSuffix;
}
