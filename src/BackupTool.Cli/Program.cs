using System.IO.Abstractions;
using System.Runtime.InteropServices;
using BackupTool.Cli;
using BackupTool.Cli.Verbs;
using BackupTool.Core.Posix;
using CommandLine;
using CommandLine.Text;

using var cancellation = new CancellationTokenSource();
var signal = 0;
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    if (Interlocked.CompareExchange(ref signal, (int)context.Signal, 0) == 0)
    {
        cancellation.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var parser = new Parser(settings =>
{
    settings.HelpWriter = null;
    settings.CaseInsensitiveEnumValues = true;
    settings.AllowMultiInstance = true;
    settings.EnableDashDash = true;
});
var parsed = parser.ParseArguments<CreateOptions, VerifyOptions, RestoreOptions, ListOptions>(args);
if (parsed is NotParsed<object> notParsed)
{
    // Asked-for help and version go to stdout, so that `backup --help | less` works.
    if (notParsed.Errors.All(e => e.Tag is ErrorType.VersionRequestedError))
    {
        Console.Out.WriteLine(HeadingInfo.Default);
        return ExitCodes.Success;
    }

    if (notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError))
    {
        Console.Out.WriteLine(HelpText.AutoBuild(parsed));
        return ExitCodes.Success;
    }

    var verb = parsed.TypeInfo.Current == typeof(NullInstance) ? null : parsed.TypeInfo.Current;
    var usage = HelpText.AutoBuild(parsed, h => { h.AutoHelp = true; h.AutoVersion = false; return h; }, e => e,
        verbsIndex: verb is null);
    Console.Error.WriteLine(usage);
    foreach (var line in UsageErrors.Describe(notParsed.Errors, verb))
    {
        Console.Error.WriteLine(line);
    }

    return ExitCodes.InvalidInput;
}

var options = (CommonOptions)parsed.Value;
if (!string.IsNullOrEmpty(options.LogFile)
    && Path.GetDirectoryName(Path.GetFullPath(options.LogFile)) is { } logFolder && !Directory.Exists(logFolder))
{
    Console.Error.WriteLine($"error: the folder of --log-file '{options.LogFile}' does not exist. "
        + "Create it or choose another log file.");
    return ExitCodes.InvalidInput;
}

// The log's file sink drops what it cannot write without a word, so try the file first.
if (!string.IsNullOrEmpty(options.LogFile) && Logging.CannotWrite(options.LogFile) is { } reason)
{
    Console.Error.WriteLine($"error: cannot write the --log-file '{options.LogFile}': {reason}. "
        + "Choose a file you may write to.");
    return ExitCodes.InvalidInput;
}

var fileSystem = new FileSystem();
IPosixFileSystem posix = PosixFileSystem.IsSupported ? new PosixFileSystem() : new EmulatedPosixFileSystem(fileSystem);
using var logger = Logging.Create(options);
var context = new VerbContext(fileSystem, posix, logger, Console.Out, Console.Error,
    !Console.IsErrorRedirected, cancellation.Token);

var exitCode = await VerbRunner.RunAsync(options, context);
return signal switch
{
    (int)PosixSignal.SIGINT => ExitCodes.Interrupted,
    (int)PosixSignal.SIGTERM => ExitCodes.Terminated,
    _ => exitCode,
};
