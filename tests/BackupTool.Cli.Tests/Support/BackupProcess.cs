using System.Diagnostics;
using System.Text;

namespace BackupTool.Cli.Tests.Support;

/// <summary>Runs the built <c>backup</c> executable as a separate process and captures what it prints.</summary>
public static class BackupProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Names a native <c>backup</c> executable (the Native AOT build) to run instead of the built backup.dll.</summary>
    public const string ExecutableVariable = "BACKUPTOOL_EXECUTABLE";

    /// <summary>The program and leading arguments that start <c>backup</c>: the native executable, or dotnet with backup.dll.</summary>
    public static string[] Command { get; } =
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } native
            ? [Path.GetFullPath(native)]
            : ["dotnet", Path.Combine(AppContext.BaseDirectory, "backup.dll")];

    /// <summary>Runs <c>backup</c> with the arguments in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static BackupRun Run(string workingDirectory, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"backup {string.Join(' ', arguments)} ran past {Timeout}.");
        }

        return new BackupRun(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts <c>backup</c> without waiting, for tests that signal it mid-run.</summary>
    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in Command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Command[0]}.");
    }
}

/// <summary>The exit code and output of one <c>backup</c> run.</summary>
public sealed record BackupRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
