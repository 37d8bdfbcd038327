using System.Text.Json;
using BackupTool.Cli.Output;
using BackupTool.Core.Auditing;

namespace BackupTool.Cli.Verbs;

/// <summary>Handles `backup verify SNAPSHOT --against TREE`: prints each moved, changed and new file.</summary>
internal sealed class AuditVerb(VerifyOptions options, VerbContext context)
{
    public async Task<int> RunAsync()
    {
        var auditor = new TreeAuditor(context.FileSystem, context.Posix, context.Logger);
        var report = await auditor.AuditAsync(new AuditRequest(options.Snapshot, options.Against!), context.Cancellation);
        var failed = report.HasDifferences(options.Strict);
        foreach (var warning in report.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        foreach (var problem in report.Problems)
        {
            context.Error.WriteLine($"error: {problem}");
        }

        if (options.Json)
        {
            var json = AuditJson.From(report, options, failed);
            context.Out.WriteLine(JsonSerializer.Serialize(json, JsonOutput.Context.AuditJson));
        }
        else if (report.Problems.Count > 0)
        {
            context.Error.WriteLine($"Audit not run: '{options.Snapshot}' is damaged. "
                + $"Run 'backup verify {options.Snapshot}' for a full report.");
        }
        else if (!options.Quiet || failed)
        {
            PrintText(report, failed, options.Quiet ? context.Error : context.Out);
        }

        return failed ? ExitCodes.Differences : ExitCodes.Success;
    }

    private void PrintText(AuditReport report, bool failed, TextWriter writer)
    {
        foreach (var moved in report.Moved)
        {
            writer.WriteLine($"moved      {DisplayPath.Quote(moved.From)} -> {DisplayPath.Quote(moved.To)}");
        }

        foreach (var modified in report.Modified)
        {
            writer.WriteLine($"modified   {DisplayPath.Quote(modified.Path)}{PresentAt(modified, "original content")}");
        }

        foreach (var missing in report.Missing)
        {
            writer.WriteLine($"missing    {DisplayPath.Quote(missing.Path)}{PresentAt(missing, "content")}");
        }

        foreach (var path in report.New)
        {
            writer.WriteLine($"new        {DisplayPath.Quote(path)}");
        }

        foreach (var unreadable in report.Unreadable)
        {
            writer.WriteLine($"unreadable {unreadable}");
        }

        writer.WriteLine($"Audit of {options.Against} against {options.Snapshot}: {report.Unchanged.Count} unchanged, "
            + $"{report.Moved.Count} moved, {report.Modified.Count} modified, {report.Missing.Count} missing, "
            + $"{report.New.Count} new{(report.Unreadable.Count > 0 ? $", {report.Unreadable.Count} unreadable" : "")}: "
            + (failed ? "DIFFERENCES FOUND" : "OK"));
    }

    private static string PresentAt(ChangedFile file, string contentLabel) =>
        file.ContentPresentAt is null ? "" : $" ({contentLabel} still present at {DisplayPath.Quote(file.ContentPresentAt)})";
}
