namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup verify`.</summary>
internal sealed class VerifyVerb(VerifyOptions options, VerbContext context)
{
    public Task<int> RunAsync()
    {
        context.Error.WriteLine($"error: 'verify' is not available yet ({options.GetType().Name}).");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
