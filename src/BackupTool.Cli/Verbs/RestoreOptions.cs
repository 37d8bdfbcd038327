using CommandLine;

namespace BackupTool.Cli.Verbs;

[Verb("restore", HelpText = "Put a snapshot's tree back, checking every byte against the manifest. "
    + ExitCodes.HelpTable)]
internal sealed class RestoreOptions : CommonOptions
{
    [Value(0, MetaName = "SNAPSHOT", Required = true, HelpText = "The snapshot folder or BagIt bag.")]
    public string Snapshot { get; set; } = "";

    [Option('t', "to", Required = true, HelpText = "Target folder; created when missing, refused when not empty.")]
    public string Target { get; set; } = "";

    [Option("overwrite", HelpText = "Restore into a non-empty target, replacing files that exist.")]
    public bool Overwrite { get; set; }

    [Option("dry-run", HelpText = "List what would be created and overwritten, and change nothing.")]
    public bool DryRun { get; set; }
}
