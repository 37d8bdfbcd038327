namespace BackupTool.Cli;

/// <summary>The <c>--json</c> object that a failed run prints on stdout.</summary>
/// <param name="Error">The message without its <c>error: </c> prefix.</param>
/// <param name="ExitCode">The process exit code.</param>
internal sealed record ErrorJson(string Error, int ExitCode);
