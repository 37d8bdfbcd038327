using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Posix;
using Serilog;
using Serilog.Core;

namespace BackupTool.Core.Tests.Support;

/// <summary>Builds mock file systems from path-to-content tables, and the services that run on them.</summary>
public static class MockTrees
{
    public static ILogger Logger { get; } = Serilog.Core.Logger.None;

    /// <summary>Creates a mock file system holding the files; a key ending in '/' is an empty folder.</summary>
    public static MockFileSystem Create(IDictionary<string, string> files)
    {
        var fileSystem = new MockFileSystem();
        foreach (var (path, content) in files)
        {
            if (path.EndsWith('/'))
            {
                fileSystem.Directory.CreateDirectory(path);
            }
            else
            {
                fileSystem.AddFile(path, new MockFileData(content));
            }
        }

        return fileSystem;
    }

    public static IPosixFileSystem Posix(MockFileSystem fileSystem) => new EmulatedPosixFileSystem(fileSystem);
}
