using System.Text;
using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>Renders the README.md placed in each snapshot, which explains how to check and restore it without the tool.</summary>
internal static class SnapshotReadme
{
    /// <summary>Returns the Markdown text for the snapshot described by the plan and contents.</summary>
    public static string Render(SnapshotPlan plan, SnapshotContents contents)
    {
        var text = new StringBuilder();
        text.Append($"""
            # Snapshot {plan.Name}

            A copy of `{plan.SourcePath}` on host `{Environment.MachineName}`, taken
            {plan.StartedAt:yyyy-MM-dd HH:mm:ss zzz} by {TagFileWriter.SoftwareAgent}: {contents.Files} files,
            {contents.Bytes} bytes. It is a BagIt 1.0 bag (RFC 8493): any BagIt validator can check it.

            | path | what it holds |
            | --- | --- |
            | `data/` | the copy: names, bytes, modes, times, symlinks and empty folders as in the source |
            | `manifest-*.txt` | one checksum per file of `data/` ({string.Join(", ", plan.Algorithms.Select(a => a.ManifestName()))}) |
            | `backup-tree.tsv` | every entry's type, mode, mtime (ns), size, owner, symlink target, hard links |
            | `bag-info.txt` | when, from where, and how much (`Payload-Oxum` is bytes.files) |
            | `tagmanifest-*.txt` | checksums of the files above |

            ## Check it

            Run these from the folder that contains the `{plan.Name}` folder. With BackupTool:

                backup verify {plan.Name}

            Without it, with GNU coreutils:

                cd {plan.Name} && {ChecksumCommand(plan)}


            """);
        if (contents.UncheckableNames.Count > 0)
        {
            text.Append("md5sum and its siblings cannot check these files, because their names contain CR, LF or `%`, which BagIt ")
                .Append("writes as `%0D`, `%0A` and `%25`; `backup verify` checks them:\n\n");
            foreach (var name in contents.UncheckableNames)
            {
                text.Append("- `").Append(TreeMetadataFormat.EncodeField(name)).Append("`\n");
            }

            // Only these names put a '%' in a manifest line, so leaving those lines out checks the rest.
            text.Append("\nTo check every other file with md5sum, leave their lines out:\n\n")
                .Append($"    cd {plan.Name} && grep -v '%' manifest-md5.txt | md5sum -c --quiet\n\n");
        }

        text.Append($"""
            ## Restore it

            With BackupTool, which checks every byte and restores modes, times and symlinks:

                backup restore {plan.Name} --to TARGET

            Without it (GNU cp keeps modes, times, symlinks and hard links, and owners when run as root):

                cp -a {plan.Name}/data/. TARGET

            """);
        AppendSkipped(text, contents);
        return text.ToString();
    }

    private static string ChecksumCommand(SnapshotPlan plan)
    {
        // GNU coreutils has md5sum, sha1sum, sha256sum and sha512sum, all reading the same line format.
        var algorithm = plan.Algorithms.Contains(ChecksumAlgorithm.Md5) ? ChecksumAlgorithm.Md5 : plan.Algorithms[0];
        var name = algorithm.ManifestName();
        return $"{name}sum -c --quiet {SnapshotLayout.ManifestFile(algorithm)}";
    }

    private static void AppendSkipped(StringBuilder text, SnapshotContents contents)
    {
        if (contents.Skipped.Count == 0)
        {
            return;
        }

        text.Append("\n## Incomplete\n\nThese entries could not be copied and are not in this snapshot:\n\n");
        foreach (var skipped in contents.Skipped)
        {
            text.Append("- `").Append(TreeMetadataFormat.EncodeField(skipped.Path)).Append("`: ")
                .Append(skipped.Message).Append('\n');
        }
    }
}
