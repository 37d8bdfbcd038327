using System.Globalization;
using System.Text.Json;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup list`: prints a table of the snapshots in a folder, or a JSON array.</summary>
internal sealed class ListVerb(ListOptions options, VerbContext context)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private static readonly string[] Headers = ["NAME", "CREATED", "STATE", "FILES", "SIZE", "ALGORITHMS", "SOURCE"];

    public Task<int> RunAsync()
    {
        var listings = new SnapshotLister(context.FileSystem, context.Logger).List(options.Directory, context.Cancellation);
        if (options.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(listings.Select(ToJson), JsonOptions));
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
        listing.Name,
        listing.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        listing.State.ToString().ToLowerInvariant(),
        listing.Files?.ToString(CultureInfo.InvariantCulture) ?? "-",
        listing.Bytes is { } bytes ? FormatSize(bytes) : "-",
        listing.Algorithms.Count == 0 ? "-" : string.Join(",", listing.Algorithms.Select(a => a.ManifestName())),
        listing.SourcePath ?? "-",
    ];

    private static string FormatSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? $"{bytes} B"
            : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static object ToJson(SnapshotListing listing) => new
    {
        listing.Name,
        listing.Path,
        state = listing.State.ToString().ToLowerInvariant(),
        created = listing.Created.ToString("o", CultureInfo.InvariantCulture),
        listing.SourcePath,
        listing.Files,
        listing.Bytes,
        algorithms = listing.Algorithms.Select(a => a.ManifestName()),
        listing.Problems,
    };
}
