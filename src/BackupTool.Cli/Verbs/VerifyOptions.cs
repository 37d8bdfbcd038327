using CommandLine;

namespace BackupTool.Cli.Verbs;

[Verb("verify", HelpText = "Check that a snapshot or any BagIt bag is intact, or audit a tree against it "
    + "with --against. " + ExitCodes.HelpTable)]
internal sealed class VerifyOptions : CommonOptions
{
    [Value(0, MetaName = "SNAPSHOT", Required = true, HelpText = "The snapshot folder or BagIt bag.")]
    public string Snapshot { get; set; } = "";

    [Option("fast", HelpText = "Check file counts and sizes only (Payload-Oxum and manifest sizes), not hashes.")]
    public bool Fast { get; set; }

    [Option("against", HelpText = "Audit this live or migrated tree against the snapshot, by content.")]
    public string? Against { get; set; }

    [Option("strict", HelpText = "With --against: count moved and new files as differences too.")]
    public bool Strict { get; set; }
}
