namespace BackupTool.Cli;

/// <summary>Every exit code the <c>backup</c> command returns.</summary>
internal static class ExitCodes
{
    /// <summary>Success; verify found no problem.</summary>
    public const int Success = 0;

    /// <summary>Verify or audit found differences, or a snapshot was published incomplete.</summary>
    public const int Differences = 1;

    /// <summary>Invalid usage or input: unknown option, source not found, not a snapshot.</summary>
    public const int InvalidInput = 2;

    /// <summary>The operation failed: I/O error, unreadable file, disk full.</summary>
    public const int Failed = 3;

    /// <summary>Interrupted by Ctrl+C (SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM.</summary>
    public const int Terminated = 143;

    /// <summary>The exit-code table printed at the end of each verb's help.</summary>
    public const string HelpTable =
        "Exit codes: 0 success, 1 differences found, 2 invalid usage or input, "
        + "3 operation failed (I/O error), 130 interrupted (SIGINT), 143 terminated (SIGTERM).";
}
