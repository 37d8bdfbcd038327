using System.Text;
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
        var verifier = new BagVerifier(context.FileSystem, context.Logger, context.Posix);
        VerificationReport report;
        var latest = new VerificationProgress();
        using (var bar = new TerminalProgress(context.Error,
                   () => $"checked {Units.Count(latest.Files)} files, {Units.Bytes(latest.Bytes)}"))
        {
            var showProgress = context.ErrorIsTerminal && !options.Quiet && !options.Json;
            var progress = showProgress
                ? new SynchronousProgress<VerificationProgress>(p => { latest = p; bar.Tick(); })
                : null;
            var verification = new VerificationOptions(options.Fast, progress);
            report = await verifier.VerifyAsync(options.Snapshot, verification, context.Cancellation);
        }

        if (options.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(VerifyJson.From(report), JsonOutput.Context.VerifyJson));
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
            // For a payload path the line is the manifest's, which the message names already.
            var ownLine = problem.Line is not null && !problem.Path.StartsWith("data/", StringComparison.Ordinal);
            var line = ownLine ? $" line {problem.Line}" : "";
            output.WriteLine($"{KindLabel(problem.Kind)}: {DisplayPath.Quote(problem.Path)}{line}: {OneLine(problem.Message)}");
        }

        if (!options.Quiet)
        {
            foreach (var warning in report.Warnings)
            {
                var line = warning.Line is { } number ? $" line {number}" : "";
                var where = warning.Path is null ? "" : $"{DisplayPath.Quote(warning.Path)}{line}: ";
                context.Error.WriteLine($"warning: {where}{OneLine(warning.Message)}");
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
        _ => SpacedWords(kind.ToString()),
    };

    // Messages quote file names, which may contain line breaks; escaping them keeps one problem per line.
    private static string OneLine(string message) =>
        message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string SpacedWords(string pascalCase)
    {
        var builder = new StringBuilder();
        foreach (var c in pascalCase)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
