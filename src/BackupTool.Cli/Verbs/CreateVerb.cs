namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup create`.</summary>
internal sealed class CreateVerb(CreateOptions options, VerbContext context)
{
    public Task<int> RunAsync()
    {
        context.Error.WriteLine($"error: 'create' is not available yet ({options.GetType().Name}).");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
