using System.IO.Abstractions;
using BackupTool.Core.Posix;
using Serilog;

namespace BackupTool.Cli;

/// <summary>What a verb handler needs from the process: file systems, logger, output and cancellation.</summary>
internal sealed record VerbContext(
    IFileSystem FileSystem,
    IPosixFileSystem Posix,
    ILogger Logger,
    TextWriter Out,
    TextWriter Error,
    bool ErrorIsTerminal,
    CancellationToken Cancellation);
