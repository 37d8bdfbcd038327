using System.Text.Encodings.Web;
using System.Text.Json;

namespace BackupTool.Cli.Output;

/// <summary>The settings of every <c>--json</c> output.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// The generated serializers, set to write indented camelCase JSON and to leave UTF-8 text
    /// unescaped so that names stay readable. <see cref="CliJsonContext.Default"/> escapes it instead.
    /// </summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
