using CommandLine;

namespace BackupTool.Cli.Verbs;

[Verb("create", HelpText = "Copy a directory tree into a new verified snapshot (a BagIt bag). "
    + ExitCodes.HelpTable)]
internal sealed class CreateOptions : CommonOptions
{
    [Value(0, MetaName = "SOURCE", Required = true, HelpText = "The directory to back up.")]
    public string Source { get; set; } = "";

    [Option('d', "dest", Default = "./backups", HelpText = "Folder that receives the snapshot.")]
    public string Destination { get; set; } = "./backups";

    [Option('n', "name", HelpText = "Snapshot folder name (default: SOURCE-NAME-backup-yyyyMMdd-HHmmss).")]
    public string? Name { get; set; }

    [Option('a', "algorithm", Separator = ',',
        HelpText = "Checksum algorithm: md5, sha1, sha256 or sha512; repeat or separate with commas (default md5).")]
    public IEnumerable<string> Algorithms { get; set; } = [];

    [Option('x', "exclude", HelpText = "Skip paths matching this glob, relative to SOURCE (repeatable), e.g. 'node_modules/' or '**/*.tmp'.")]
    public IEnumerable<string> Excludes { get; set; } = [];

    [Option("exclude-from", HelpText = "Read exclude globs from this file, one a line; '#' starts a comment.")]
    public string? ExcludeFrom { get; set; }

    [Option("follow-symlinks", HelpText = "Copy what symlinks point to instead of the links themselves.")]
    public bool FollowSymlinks { get; set; }

    [Option("no-fsync", HelpText = "Skip flushing the snapshot to disk: faster, but a crash can corrupt it.")]
    public bool NoFsync { get; set; }

    [Option("skip-unreadable", HelpText = "Skip unreadable entries, publish the snapshot marked incomplete and exit 1.")]
    public bool SkipUnreadable { get; set; }
}
