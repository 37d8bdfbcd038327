using System.Text.Json;

namespace BackupTool.Cli.Output;

/// <summary>Formats paths for text output so that each stays on one line.</summary>
internal static class DisplayPath
{
    /// <summary>Returns the path as is, or quoted with JSON escapes when it contains control characters or quotes.</summary>
    public static string Quote(string path) =>
        JsonSerializer.Serialize(path, JsonOutput.Context.String)[1..^1] switch
        {
            var escaped when escaped == path => path,
            var escaped => "\"" + escaped + "\"",
        };
}
