using System.Text;
using System.Text.Json.Serialization;
using BackupTool.Core.Verification;

namespace BackupTool.Cli.Verbs;

/// <summary>The <c>--json</c> object of <c>backup verify</c>.</summary>
internal sealed record VerifyJson(
    [property: JsonPropertyName("bag")] string Bag,
    [property: JsonPropertyName("bagItVersion")] string? BagItVersion,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("fast")] bool Fast,
    [property: JsonPropertyName("filesListed")] long FilesListed,
    [property: JsonPropertyName("filesVerified")] long FilesVerified,
    [property: JsonPropertyName("bytesVerified")] long BytesVerified,
    [property: JsonPropertyName("tagFilesVerified")] long TagFilesVerified,
    [property: JsonPropertyName("problems")] IReadOnlyList<VerifyJson.Problem> Problems,
    [property: JsonPropertyName("warnings")] IReadOnlyList<VerifyJson.Warning> Warnings)
{
    public static VerifyJson From(VerificationReport report) => new(
        report.BagPath,
        report.BagItVersion,
        report.Verdict.ToString().ToLowerInvariant(),
        report.Fast,
        report.FilesListed,
        report.FilesVerified,
        report.BytesVerified,
        report.TagFilesVerified,
        report.Problems.Select(p => new Problem(KebabCase(p.Kind), p.Path, p.Line, p.Message)).ToList(),
        report.Warnings.Select(w => new Warning(w.Path, w.Line, w.Message)).ToList());

    private static string KebabCase(ProblemKind kind)
    {
        var builder = new StringBuilder();
        foreach (var c in kind.ToString())
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>One problem: its kind in kebab case, such as <c>malformed-line</c>.</summary>
    internal sealed record Problem(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("line")] int? Line,
        [property: JsonPropertyName("message")] string Message);

    /// <summary>One warning.</summary>
    internal sealed record Warning(
        [property: JsonPropertyName("path")] string? Path,
        [property: JsonPropertyName("line")] int? Line,
        [property: JsonPropertyName("message")] string Message);
}
