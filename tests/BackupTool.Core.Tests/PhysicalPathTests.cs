using System.IO.Abstractions;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests;

/// <summary>Symlink resolution on the real disk, checked against coreutils' <c>realpath</c>.</summary>
public sealed class PhysicalPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSystem _fileSystem = new();

    public PhysicalPathTests()
    {
        Directory.CreateDirectory(_temp.Combine("real", "deep"));
    }

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Resolve_ChainOfRelativeAndAbsoluteLinks_FollowsEach()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.CreateSymbolicLink(_temp.Combine("first"), "second");
        File.CreateSymbolicLink(_temp.Combine("second"), _temp.Combine("real"));
        File.CreateSymbolicLink(_temp.Combine("real", "up"), "..");

        var resolved = PhysicalPath.Resolve(_fileSystem, _temp.Combine("first", "up", "real", "deep"));

        Assert.Equal(Realpath(_temp.Combine("real", "deep")), resolved);
    }

    [SkippableFact]
    public void Resolve_MissingTailBelowLink_KeepsTail()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.CreateSymbolicLink(_temp.Combine("alias"), "real");

        var resolved = PhysicalPath.Resolve(_fileSystem, _temp.Combine("alias", "not", "yet"));

        Assert.Equal(Realpath(_temp.Combine("real")) + "/not/yet", resolved);
    }

    [SkippableFact]
    public void Resolve_LinkLoop_ThrowsIOException()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "symlink semantics are tested on Linux");
        File.CreateSymbolicLink(_temp.Combine("loop"), "loop");

        Assert.Throws<IOException>(() => PhysicalPath.Resolve(_fileSystem, _temp.Combine("loop", "x")));
    }

    [Theory]
    [InlineData("/a/b", "/a", true)]
    [InlineData("/a", "/a", true)]
    [InlineData("/ab", "/a", false)]
    [InlineData("/a", "/a/b", false)]
    [InlineData("/x", "/", true)]
    public void IsSameOrInside_Paths_ComparesWholeComponents(string inner, string outer, bool expected)
    {
        Assert.Equal(expected, PhysicalPath.IsSameOrInside(inner, outer));
    }

    // The resolution of an existing path by coreutils' realpath.
    private static string Realpath(string path) => Shell.Run("realpath", path).TrimEnd('\n');
}
