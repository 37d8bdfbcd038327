using System.Globalization;
using System.Text.Json;
using BackupTool.Cli.Output;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup list`: prints a table of the snapshots in a folder, or a JSON array.</summary>
internal sealed class ListVerb(ListOptions options, VerbContext context)
{
    private static readonly string[] Headers = ["NAME", "CREATED", "STATE", "FILES", "SIZE", "ALGORITHMS", "SOURCE"];

    public Task<int> RunAsync()
    {
        var listings = new SnapshotLister(context.FileSystem, context.Logger).List(options.Directory, context.Cancellation);
        if (options.Json)
        {
            var json = listings.Select(ListingJson.From).ToList();
            context.Out.WriteLine(JsonSerializer.Serialize(json, JsonOutput.Context.ListListingJson));
        }
        else if (!options.Quiet)
        {
            PrintTable(listings);
        }

        foreach (var damaged in listings.Where(l => l.State == SnapshotState.Damaged))
        {
            context.Error.WriteLine($"warning: {damaged.Name} is damaged: {string.Join("; ", damaged.Problems)}");
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private void PrintTable(List<SnapshotListing> listings)
    {
        if (listings.Count == 0)
        {
            context.Out.WriteLine($"No snapshots in {options.Directory}.");
            return;
        }

        var rows = listings.Select(Row).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i is 3 or 4 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            context.Out.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string[] Row(SnapshotListing listing) =>
    [
        DisplayPath.Quote(listing.Name),
        listing.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        listing.State.ToString().ToLowerInvariant(),
        listing.Files?.ToString(CultureInfo.InvariantCulture) ?? "-",
        listing.Bytes is { } bytes ? Units.Bytes(bytes) : "-",
        listing.Algorithms.Count == 0 ? "-" : string.Join(",", listing.Algorithms.Select(a => a.ManifestName())),
        listing.SourcePath is null ? "-" : DisplayPath.Quote(listing.SourcePath),
    ];
}
