namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup audit`.</summary>
internal sealed class AuditVerb(VerifyOptions options, VerbContext context)
{
    public Task<int> RunAsync()
    {
        context.Error.WriteLine($"error: 'audit' is not available yet ({options.GetType().Name}).");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
