using System.Diagnostics;

namespace BackupTool.Cli.Tests.Support;

/// <summary>
/// Runs <c>backup</c> as a user whom permissions apply to: as is when the tests run as a normal user,
/// through <c>setpriv</c> as nobody (65534) when they run as root, where permissions stop no read.
/// </summary>
public static class Unprivileged
{
    public const int UserId = 65534;

    private static readonly Lazy<string?> Unavailable = new(FindWhyUnavailable);

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why the CLI cannot run unprivileged here, or null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    /// <summary>Makes the folder and everything in it belong to the unprivileged user.</summary>
    public static void GiveAway(string path)
    {
        if (IsRoot)
        {
            Run("chown", "-R", $"{UserId}:{UserId}", path);
        }
    }

    /// <summary>Runs <c>backup</c> unprivileged in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static BackupRun Backup(string workingDirectory, params string[] arguments)
    {
        string[] command = IsRoot
            ? ["setpriv", $"--reuid={UserId}", $"--regid={UserId}", "--clear-groups", .. BackupProcess.Command]
            : BackupProcess.Command;
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = workingDirectory;
        foreach (var argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new BackupRun(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindWhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "file permissions are tested on Linux";
        }

        if (!IsRoot)
        {
            return null;
        }

        try
        {
            Run("setpriv", [$"--reuid={UserId}", $"--regid={UserId}", "--clear-groups", .. BackupProcess.Command, "--version"]);
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "running as root, and the user nobody cannot run the built CLI through setpriv "
                + $"(is the build folder readable by all?): {exception.Message}";
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited {process.ExitCode}: {error.Result}");
        }
    }
}
