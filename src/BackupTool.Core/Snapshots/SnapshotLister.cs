using System.Globalization;
using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Restore;
using Serilog;

namespace BackupTool.Core.Snapshots;

/// <summary>Finds the snapshots in a folder and reports each one's state.</summary>
/// <remarks>
/// Steps, for each subfolder in name order: a hidden <c>.NAME.partial</c> folder is partial; a
/// folder with <c>bagit.txt</c> is read (<c>bag-info.txt</c>, manifest names) and its tag files are
/// checked against the tag manifest; any other folder is not a snapshot and is left out. Only reads;
/// safe to call concurrently.
/// </remarks>
public sealed class SnapshotLister(IFileSystem fileSystem, ILogger logger)
{
    // Written by create with the full start time; Bagging-Date holds only the date.
    private const string StartedLabel = "Backup-Started";

    private readonly ILogger _logger = logger.ForContext<SnapshotLister>();

    /// <summary>Lists the snapshots directly inside <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidInputException">The folder does not exist.</exception>
    public List<SnapshotListing> List(string folder, CancellationToken cancellation = default)
    {
        if (!fileSystem.Directory.Exists(folder))
        {
            throw new InvalidInputException($"Folder '{folder}' not found. Pass the folder that holds the snapshots, "
                + "such as the --dest of 'backup create' (default ./backups).");
        }

        var listings = new List<SnapshotListing>();
        var folders = fileSystem.Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal);
        foreach (var path in folders)
        {
            cancellation.ThrowIfCancellationRequested();
            var listing = Describe(path, cancellation);
            if (listing is not null)
            {
                listings.Add(listing);
            }
        }

        _logger.Information("Found {Count} snapshots in {Folder}", listings.Count, folder);
        return listings;
    }

    private SnapshotListing? Describe(string path, CancellationToken cancellation)
    {
        var name = fileSystem.Path.GetFileName(path)!;
        var partialName = PartialName(name);
        var isBag = fileSystem.File.Exists(fileSystem.Path.Combine(path, BagDeclaration.FileName));
        if (partialName is null && !isBag)
        {
            _logger.Debug("Skipping {Folder}: it has no bagit.txt", path);
            return null;
        }

        var listing = new SnapshotListing
        {
            Name = partialName ?? name,
            Path = path,
            State = partialName is null ? SnapshotState.Complete : SnapshotState.Partial,
            Created = new DateTimeOffset(fileSystem.Directory.GetLastWriteTimeUtc(path)),
        };
        if (isBag)
        {
            ReadBag(listing, partialName is not null, cancellation);
        }

        return listing;
    }

    private static string? PartialName(string name) =>
        name.Length > 1 + SnapshotLayout.PartialSuffix.Length && name[0] == '.'
        && name.EndsWith(SnapshotLayout.PartialSuffix, StringComparison.Ordinal)
            ? name[1..^SnapshotLayout.PartialSuffix.Length]
            : null;

    private void ReadBag(SnapshotListing listing, bool partial, CancellationToken cancellation)
    {
        BagDeclaration declaration;
        try
        {
            declaration = BagDeclaration.Read(fileSystem, listing.Path);
        }
        catch (BagFormatException exception)
        {
            MarkDamaged(listing, partial, [exception.Message]);
            return;
        }

        var info = BagInfo.Read(fileSystem, listing.Path, declaration);
        ApplyInfo(listing, info);
        var warnings = new List<string>();
        listing.Algorithms.AddRange(TagManifestCheck.FindManifests(fileSystem, listing.Path, "manifest-", warnings)
            .Select(m => m.Algorithm));
        if (partial)
        {
            return;
        }

        var tags = new TagManifestCheck(fileSystem).Check(listing.Path, declaration, cancellation);
        MarkDamaged(listing, partial, tags.Problems);
    }

    private void MarkDamaged(SnapshotListing listing, bool partial, IReadOnlyList<string> problems)
    {
        listing.Problems.AddRange(problems);
        if (problems.Count > 0 && !partial)
        {
            _logger.Warning("Snapshot {SnapshotPath} is damaged: {Problems}", listing.Path, problems);
            listing.State = SnapshotState.Damaged;
        }
    }

    private static void ApplyInfo(SnapshotListing listing, BagInfo? info)
    {
        if (info is null)
        {
            return;
        }

        var sourcePath = info.Find(SnapshotLayout.SourcePathLabel)?.Value;
        listing.SourcePath = sourcePath is null ? null : TreeMetadataFormat.DecodeField(sourcePath);
        if (info.Find(PayloadOxum.Label)?.Value is { } oxumText && PayloadOxum.TryParse(oxumText, out var oxum))
        {
            listing.Bytes = oxum.Octets;
            listing.Files = oxum.Count;
        }

        var started = (info.Find(StartedLabel) ?? info.Find("Bagging-Date"))?.Value;
        if (started is not null && started.Contains('T')
            && DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var created))
        {
            listing.Created = created;
        }

        if (string.Equals(info.Find(SnapshotLayout.IncompleteLabel)?.Value, "true", StringComparison.OrdinalIgnoreCase)
            && listing.State == SnapshotState.Complete)
        {
            listing.State = SnapshotState.Incomplete;
        }
    }
}
