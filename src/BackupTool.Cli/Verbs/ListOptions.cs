using CommandLine;

namespace BackupTool.Cli.Verbs;

[Verb("list", HelpText = "List the snapshots in a folder, with their state. " + ExitCodes.HelpTable)]
internal sealed class ListOptions : CommonOptions
{
    [Value(0, MetaName = "DIR", Default = "./backups", HelpText = "Folder holding snapshots (default ./backups).")]
    public string Directory { get; set; } = "./backups";
}
