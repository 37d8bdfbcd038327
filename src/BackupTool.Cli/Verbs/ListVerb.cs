namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup list`.</summary>
internal sealed class ListVerb(ListOptions options, VerbContext context)
{
    public Task<int> RunAsync()
    {
        context.Error.WriteLine($"error: 'list' is not available yet ({options.GetType().Name}).");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
