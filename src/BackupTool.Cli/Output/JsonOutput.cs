using System.Text.Encodings.Web;
using System.Text.Json;

namespace BackupTool.Cli.Output;

/// <summary>The settings of every <c>--json</c> output.</summary>
internal static class JsonOutput
{
    /// <summary>Indented, UTF-8 text left unescaped so that names stay readable.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
