using System.Text.Json;
using BackupTool.Cli.Output;
using BackupTool.Core;
using BackupTool.Core.Hashing;
using BackupTool.Core.Snapshots;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles <c>backup create</c>: builds the options, runs the creator, prints the summary.</summary>
internal sealed class CreateVerb(CreateOptions options, VerbContext context)
{
    public async Task<int> RunAsync()
    {
        var snapshotOptions = new SnapshotOptions(
            options.Source,
            options.Destination,
            options.Name,
            ParseAlgorithms(options.Algorithms),
            [.. options.Excludes, .. ReadExcludeFile(options.ExcludeFrom)],
            options.FollowSymlinks,
            Durable: !options.NoFsync,
            options.SkipUnreadable);
        var creator = new SnapshotCreator(context.FileSystem, context.Posix, context.Logger);

        SnapshotResult result;
        var latest = new CreateProgress();
        using (var bar = new TerminalProgress(context.Error,
                   () => $"copied {Units.Count(latest.Files)} files, {Units.Bytes(latest.Bytes)}"))
        {
            var showProgress = context.ErrorIsTerminal && !options.Quiet && !options.Json;
            var progress = showProgress ? new SynchronousProgress<CreateProgress>(p => { latest = p; bar.Tick(); }) : null;
            result = await creator.CreateAsync(snapshotOptions, progress, context.Cancellation);
        }

        if (options.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(CreateJson.From(result), JsonOutput.Context.CreateJson));
        }
        else
        {
            PrintText(result);
        }

        return result.IsIncomplete ? ExitCodes.Differences : ExitCodes.Success;
    }

    private static List<ChecksumAlgorithm> ParseAlgorithms(IEnumerable<string> names)
    {
        var algorithms = new List<ChecksumAlgorithm>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (!ChecksumAlgorithms.TryParse(name, out var algorithm))
            {
                throw new InvalidInputException($"Unknown checksum algorithm '{name}'. Use md5, sha1, sha256 or sha512.");
            }

            algorithms.Add(algorithm);
        }

        return algorithms;
    }

    private IEnumerable<string> ReadExcludeFile(string? path)
    {
        if (path is null)
        {
            return [];
        }

        if (!context.FileSystem.File.Exists(path))
        {
            throw new InvalidInputException($"The exclude file '{path}' does not exist. Check the --exclude-from path.");
        }

        return context.FileSystem.File.ReadAllLines(path);
    }

    private void PrintText(SnapshotResult result)
    {
        var error = context.Error;
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {Output.DisplayPath.Quote(warning.Path)}: {warning.Message}");
        }

        foreach (var skipped in result.Skipped)
        {
            error.WriteLine($"skipped: {Output.DisplayPath.Quote(skipped.Path)}: {skipped.Message}");
        }

        if (result.UncheckableNames.Count > 0)
        {
            error.WriteLine($"warning: md5sum -c cannot check {result.UncheckableNames.Count} file(s) whose names "
                + "contain CR, LF or '%' (BagIt encodes them as %0D, %0A, %25); backup verify checks them:");
            foreach (var name in result.UncheckableNames)
            {
                error.WriteLine($"  {Output.DisplayPath.Quote(name)}");
            }
        }

        if (result.ExcludedDestination is not null)
        {
            error.WriteLine($"note: left out the destination '{result.ExcludedDestination}' because it lies inside the source.");
        }

        if (result.IsIncomplete)
        {
            error.WriteLine($"Snapshot is INCOMPLETE: {result.Skipped.Count} unreadable entries were skipped "
                + "(listed in its bag-info.txt and README.md).");
        }

        if (options.Quiet)
        {
            return;
        }

        var rate = result.Bytes / Math.Max(result.Duration.TotalSeconds, 0.001);
        context.Out.WriteLine($"Created snapshot {result.SnapshotPath}");
        context.Out.WriteLine($"  {Units.Count(result.Files)} files, {Units.Count(result.Directories)} folders, "
            + $"{Units.Count(result.Symlinks)} symlinks, {Units.Bytes(result.Bytes)} "
            + $"in {Units.Duration(result.Duration)} ({Units.Bytes(rate)}/s)");
        context.Out.WriteLine($"  manifests: {string.Join(", ", result.Algorithms.Select(a => a.ManifestName()))}; "
            + (result.Durable ? "flushed to disk" : "NOT flushed to disk (--no-fsync): a crash can still corrupt it"));
    }
}
