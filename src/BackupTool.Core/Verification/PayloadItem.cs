namespace BackupTool.Core.Verification;

/// <summary>A payload path with its entry in each manifest and the file found for it.</summary>
/// <param name="Path">The path relative to the bag root, as the manifests list it.</param>
/// <param name="Listings">The entry of each payload manifest, by manifest index; null where a manifest omits it.</param>
/// <param name="DiskPath">The path of the file to read, which differs from <paramref name="Path"/> only
/// when the names matched after Unicode normalization.</param>
/// <param name="Length">The size of the file found, or 0 when none was found.</param>
internal sealed record PayloadItem(string Path, ManifestEntry?[] Listings, string DiskPath, long Length)
{
    /// <summary>Returns the first manifest listing, for messages that name one line.</summary>
    public (int Index, ManifestEntry Entry) FirstListing()
    {
        var index = Array.FindIndex(Listings, l => l is not null);
        return (index, Listings[index]!.Value);
    }
}
