using System.Text.Json;
using BackupTool.Cli.Output;
using BackupTool.Core.Restore;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup restore`: prints what was restored, or what a dry run would do.</summary>
internal sealed class RestoreVerb(RestoreOptions options, VerbContext context)
{
    public async Task<int> RunAsync()
    {
        var request = new RestoreRequest(options.Snapshot, options.Target, options.Overwrite, options.DryRun);
        var restorer = new Restorer(context.FileSystem, context.Posix, context.Logger);
        var result = await restorer.RestoreAsync(request, context.Cancellation);
        PrintWarnings(result);
        if (options.Json)
        {
            var json = RestoreJson.From(result, options);
            context.Out.WriteLine(JsonSerializer.Serialize(json, JsonOutput.Context.RestoreJson));
        }
        else
        {
            PrintText(result);
        }

        return result.Status switch
        {
            RestoreStatus.Restored or RestoreStatus.Planned => ExitCodes.Success,
            RestoreStatus.Blocked => ExitCodes.InvalidInput,
            _ => ExitCodes.Differences,
        };
    }

    private void PrintWarnings(RestoreResult result)
    {
        foreach (var warning in result.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        foreach (var problem in result.Problems)
        {
            context.Error.WriteLine($"error: {problem}");
        }
    }

    private void PrintText(RestoreResult result)
    {
        switch (result.Status)
        {
            case RestoreStatus.Rejected:
                context.Error.WriteLine("Restore rejected for the problems above; nothing was written. "
                    + $"Run 'backup verify {options.Snapshot}' for a full report on the snapshot.");
                break;
            case RestoreStatus.Failed:
                context.Error.WriteLine("Restore failed: the staged files were removed and nothing half-written was left.");
                break;
            case RestoreStatus.Planned:
                PrintPlan(result);
                break;
            case RestoreStatus.Blocked:
                PrintPlan(result);
                context.Error.WriteLine("The restore itself would be rejected for the errors above; nothing was changed.");
                break;
            case RestoreStatus.Restored when !options.Quiet:
                context.Out.WriteLine($"Restored {result.Files} files ({result.Bytes} bytes), {result.Directories} "
                    + $"directories, {result.Symlinks} symlinks and {result.HardLinks} hard links to {options.Target}.");
                break;
        }
    }

    private void PrintPlan(RestoreResult result)
    {
        foreach (var path in result.WouldCreate)
        {
            context.Out.WriteLine($"create     {DisplayPath.Quote(path)}");
        }

        foreach (var path in result.WouldOverwrite)
        {
            context.Out.WriteLine($"overwrite  {DisplayPath.Quote(path)}");
        }

        foreach (var conflict in result.Conflicts)
        {
            context.Out.WriteLine($"conflict   {conflict}");
        }

        context.Out.WriteLine($"Dry run: {result.WouldCreate.Count} to create, {result.WouldOverwrite.Count} to overwrite "
            + $"in {options.Target}; nothing was changed.");
    }
}
