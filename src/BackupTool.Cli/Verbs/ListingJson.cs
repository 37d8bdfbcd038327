using System.Globalization;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;

namespace BackupTool.Cli.Verbs;

/// <summary>One snapshot in the <c>--json</c> array of <c>backup list</c>.</summary>
internal sealed record ListingJson(
    string Name,
    string Path,
    string State,
    string Created,
    string? SourcePath,
    long? Files,
    long? Bytes,
    IReadOnlyList<string> Algorithms,
    IReadOnlyList<string> Problems)
{
    public static ListingJson From(SnapshotListing listing) => new(
        listing.Name,
        listing.Path,
        listing.State.ToString().ToLowerInvariant(),
        listing.Created.ToString("o", CultureInfo.InvariantCulture),
        listing.SourcePath,
        listing.Files,
        listing.Bytes,
        listing.Algorithms.Select(a => a.ManifestName()).ToList(),
        listing.Problems);
}
