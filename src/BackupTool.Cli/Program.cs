using System.IO.Abstractions;
using System.Runtime.InteropServices;
using BackupTool.Cli;
using BackupTool.Cli.Verbs;
using BackupTool.Core.Posix;
using CommandLine;

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
    settings.HelpWriter = Console.Error;
    settings.CaseInsensitiveEnumValues = true;
    settings.AllowMultiInstance = true;
});
var parsed = parser.ParseArguments<CreateOptions, VerifyOptions, RestoreOptions, ListOptions>(args);
if (parsed is NotParsed<object> notParsed)
{
    var onlyHelp = notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError
        or ErrorType.VersionRequestedError);
    return onlyHelp ? ExitCodes.Success : ExitCodes.InvalidInput;
}

var options = (CommonOptions)parsed.Value;
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
