using CommandLine;

namespace BackupTool.Cli.Verbs;

/// <summary>Options every verb accepts.</summary>
internal abstract class CommonOptions
{
    [Option("json", HelpText = "Print one JSON object (an array for list) on stdout instead of text.")]
    public bool Json { get; set; }

    [Option('q', "quiet", HelpText = "Print nothing on success; problems still go to stderr.")]
    public bool Quiet { get; set; }

    [Option('v', "verbose", HelpText = "Log each step and each file on stderr.")]
    public bool Verbose { get; set; }

    [Value(1, MetaName = "EXTRA", Hidden = true)]
    public IEnumerable<string> ExtraArguments { get; set; } = [];

    [Option("log-file", HelpText = "Also write a detailed log to this file.")]
    public string? LogFile { get; set; }
}
