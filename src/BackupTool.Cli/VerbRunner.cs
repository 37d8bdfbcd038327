using BackupTool.Cli.Verbs;
using BackupTool.Core;

namespace BackupTool.Cli;

/// <summary>Runs the chosen verb and maps every exception to its exit code, in one place.</summary>
internal static class VerbRunner
{
    /// <summary>Runs the handler for <paramref name="options"/> and returns the process exit code.</summary>
    public static async Task<int> RunAsync(CommonOptions options, VerbContext context)
    {
        try
        {
            return options switch
            {
                CreateOptions create => await new CreateVerb(create, context).RunAsync(),
                VerifyOptions { Against: not null } audit => await new AuditVerb(audit, context).RunAsync(),
                VerifyOptions verify => await new VerifyVerb(verify, context).RunAsync(),
                RestoreOptions restore => await new RestoreVerb(restore, context).RunAsync(),
                ListOptions list => await new ListVerb(list, context).RunAsync(),
                _ => throw new InvalidOperationException($"No handler for {options.GetType().Name}."),
            };
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine("Interrupted: nothing half-written was left looking complete.");
            return ExitCodes.Interrupted;
        }
        catch (InvalidInputException exception)
        {
            context.Logger.Fatal(exception, "Invalid input");
            context.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Logger.Fatal(exception, "The operation failed");
            context.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Failed;
        }
    }
}
