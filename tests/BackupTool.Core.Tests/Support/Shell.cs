using System.Diagnostics;

namespace BackupTool.Core.Tests.Support;

/// <summary>Runs a command for test setup that .NET has no API for, such as mkfifo or touch -d.</summary>
public static class Shell
{
    public static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {error}");
        }

        return output;
    }
}
