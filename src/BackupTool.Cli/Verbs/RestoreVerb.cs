namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup restore`.</summary>
internal sealed class RestoreVerb(RestoreOptions options, VerbContext context)
{
    public Task<int> RunAsync()
    {
        context.Error.WriteLine($"error: 'restore' is not available yet ({options.GetType().Name}).");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
