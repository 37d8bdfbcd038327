using System.Text.Json;
using BackupTool.Cli.Output;
using BackupTool.Core.Verification;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles <c>backup verify</c>: runs the bag verifier and prints problems, warnings and a summary.</summary>
/// <remarks>
/// Text mode prints each problem and the summary on stdout and warnings on stderr; with <c>--quiet</c>
/// a valid bag prints nothing and an invalid one prints its problems and summary on stderr.
/// <c>--json</c> prints one object on stdout instead. Exit 0 when valid, 1 when invalid or incomplete.
/// </remarks>
internal sealed class VerifyVerb(VerifyOptions options, VerbContext context)
{
    public async Task<int> RunAsync()
    {
        var verifier = new BagVerifier(context.FileSystem, context.Logger);
        var report = await verifier.VerifyAsync(options.Snapshot, new VerificationOptions(options.Fast), context.Cancellation);
        if (options.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(VerifyJson.From(report), JsonOutput.Options));
        }
        else if (!options.Quiet || !report.IsValid)
        {
            PrintText(report);
        }

        return report.IsValid ? ExitCodes.Success : ExitCodes.Differences;
    }

    private void PrintText(VerificationReport report)
    {
        var output = options.Quiet ? context.Error : context.Out;
        foreach (var problem in report.Problems)
        {
            var line = problem.Line is { } number ? $" line {number}" : "";
            output.WriteLine($"{KindLabel(problem.Kind)}: {problem.Path}{line}: {problem.Message}");
        }

        if (!options.Quiet)
        {
            foreach (var warning in report.Warnings)
            {
                var where = warning.Path is null ? "" : warning.Path + (warning.Line is { } number ? $" line {number}" : "") + ": ";
                context.Error.WriteLine($"warning: {where}{warning.Message}");
            }
        }

        output.WriteLine(Summary(report));
    }

    private static string Summary(VerificationReport report)
    {
        var checkedHow = report.Fast ? "present (sizes only, --fast)" : "verified";
        var counts = $"{Units.Count(report.FilesVerified)} of {Units.Count(report.FilesListed)} files {checkedHow}, "
            + Units.Bytes(report.BytesVerified);
        var problems = report.Problems.Count == 1 ? "1 problem" : $"{Units.Count(report.Problems.Count)} problems";
        return report.Verdict switch
        {
            VerificationVerdict.Valid => $"{counts}: OK",
            VerificationVerdict.Incomplete => $"{counts}: INCOMPLETE, {problems} (files still to fetch)",
            _ => $"{counts}: FAILED, {problems}",
        };
    }

    /// <summary>Returns the lowercase words that name a problem kind, such as <c>malformed line</c>.</summary>
    public static string KindLabel(ProblemKind kind) => kind switch
    {
        ProblemKind.PayloadOxumMismatch => "Payload-Oxum mismatch",
        ProblemKind.FetchPending => "to fetch",
        _ => string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}
