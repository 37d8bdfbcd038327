using System.Text.Json;
using BackupTool.Cli.Output;
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
            CheckArguments(options);
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
            return Fail(options, context, ExitCodes.Interrupted,
                "Interrupted: nothing half-written was left looking complete.");
        }
        catch (InvalidInputException exception)
        {
            context.Logger.Fatal(exception, "Invalid input");
            return Fail(options, context, ExitCodes.InvalidInput, $"error: {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            // .NET rejects empty or malformed paths with ArgumentException before touching the disk.
            context.Logger.Fatal(exception, "Invalid argument");
            return Fail(options, context, ExitCodes.InvalidInput,
                $"error: invalid path or value: {exception.Message} Check the arguments and run again.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Logger.Fatal(exception, "The operation failed");
            return Fail(options, context, ExitCodes.Failed, $"error: {exception.Message}");
        }
    }

    private static void CheckArguments(CommonOptions options)
    {
        var extra = options.ExtraArguments.ToList();
        if (extra.Count > 0)
        {
            throw new InvalidInputException($"Unexpected argument '{extra[0]}': each command takes one path. "
                + "Quote a path that contains spaces, and run one command per snapshot.");
        }
    }

    /// <summary>Prints the failure on stderr, and with --json also as an object on stdout.</summary>
    private static int Fail(CommonOptions options, VerbContext context, int exitCode, string message)
    {
        context.Error.WriteLine(message);
        if (options.Json)
        {
            var text = message.StartsWith("error: ", StringComparison.Ordinal) ? message[7..] : message;
            var error = new ErrorJson(text, exitCode);
            context.Out.WriteLine(JsonSerializer.Serialize(error, JsonOutput.Context.ErrorJson));
        }

        return exitCode;
    }
}
