using BackupTool.Cli.Verbs;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace BackupTool.Cli;

/// <summary>Builds the Serilog logger a run writes its diagnostics to.</summary>
internal static class Logging
{
    private const string ConsoleTemplate = "[{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Creates a logger that writes to stderr with <c>--verbose</c> and to the <c>--log-file</c>
    /// file when given. User-facing output does not pass through it.
    /// </summary>
    public static Logger Create(CommonOptions options)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        if (options.Verbose)
        {
            configuration.WriteTo.Console(LogEventLevel.Verbose, ConsoleTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose);
        }

        if (!string.IsNullOrEmpty(options.LogFile))
        {
            configuration.WriteTo.File(options.LogFile,
                options.Verbose ? LogEventLevel.Verbose : LogEventLevel.Debug);
        }

        return configuration.CreateLogger();
    }

    /// <summary>Opens the log file for appending, as the file sink will, and returns why that failed, or null.</summary>
    public static string? CannotWrite(string logFile)
    {
        try
        {
            using (File.Open(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                return null;
            }
        }
        catch (UnauthorizedAccessException)
        {
            return Directory.Exists(logFile) ? "it is a folder" : "permission denied";
        }
        catch (IOException exception)
        {
            return exception.Message.TrimEnd('.');
        }
    }
}
