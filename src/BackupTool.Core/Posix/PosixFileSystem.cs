using System.IO.Abstractions;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BackupTool.Core.Posix;

/// <summary>Calls Linux directly: <c>statx</c>, <c>utimensat</c>, <c>link</c>, <c>syncfs</c>, <c>fsync</c>.</summary>
/// <remarks>Linux only (glibc 2.28 or later for <c>statx</c>). Safe to call concurrently.</remarks>
public sealed partial class PosixFileSystem : IPosixFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;

    /// <summary>Returns whether this process runs on an operating system this class supports.</summary>
    /// <remarks>Only 64-bit processes, because the <c>readdir</c> entry layout read here is the 64-bit one.</remarks>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <inheritdoc/>
    public unsafe EntryStatus GetStatus(string path, bool followSymlinks = false)
    {
        var buffer = stackalloc byte[StatxSize];
        var flags = followSymlinks ? 0 : AtSymlinkNoFollow;
        if (Statx(AtFdCwd, path, flags, StatxBasicStats, buffer) != 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), path, "read the status of");
        }

        var mode = *(ushort*)(buffer + 28);
        return new EntryStatus(
            Kind: KindOf(mode),
            Mode: mode & 0xfff,
            Size: *(long*)(buffer + 40),
            AllocatedBytes: *(long*)(buffer + 48) * 512,
            ModifiedTime: new UnixTime(*(long*)(buffer + 112), (int)*(uint*)(buffer + 120)),
            Device: ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140),
            Inode: *(ulong*)(buffer + 32),
            LinkCount: *(uint*)(buffer + 16),
            UserId: *(int*)(buffer + 20),
            GroupId: *(int*)(buffer + 24));
    }

    /// <inheritdoc/>
    public unsafe void SetModifiedTime(string path, UnixTime time)
    {
        // Index 0 is the access time: UTIME_OMIT leaves it as it is.
        var times = stackalloc long[4] { 0, UtimeOmit, time.Seconds, time.Nanoseconds };
        if (UtimensAt(AtFdCwd, path, times, AtSymlinkNoFollow) != 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), path, "set the modification time of");
        }
    }

    /// <inheritdoc/>
    public void SetOwner(string path, int userId, int groupId)
    {
        if (LChown(path, userId, groupId) != 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), path, "set the owner of");
        }
    }

    /// <summary>Returns whether this process runs as root, and so may set any owner.</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <inheritdoc/>
    public void CreateHardLink(string existingPath, string newPath)
    {
        if (Link(existingPath, newPath) != 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), newPath, "create a hard link at");
        }
    }

    /// <inheritdoc/>
    public void SyncFileSystem(string path) => WithDescriptor(path, fd => SyncFs(fd), "flush the file system of");

    /// <inheritdoc/>
    public void SyncDirectory(string path) => WithDescriptor(path, fd => FSync(fd), "flush the directory");

    /// <inheritdoc/>
    /// <remarks>
    /// Calls <c>sync_file_range</c> with <c>SYNC_FILE_RANGE_WRITE</c>. A stream that has no file
    /// descriptor, such as a mock's, is ignored. Errors are ignored too, because the flush that
    /// makes the data durable reports them again.
    /// </remarks>
    public void StartWriteback(Stream file, long offset, long count)
    {
        var handle = HandleOf(file);
        if (handle is not null && count > 0)
        {
            _ = SyncFileRange(handle, offset, count, SyncFileRangeWrite);
        }
    }

    private static SafeFileHandle? HandleOf(Stream stream) => stream switch
    {
        FileStream file => file.SafeFileHandle,
        FileSystemStream wrapped when Unwrap(wrapped) is { } file => file.SafeFileHandle,
        _ => null,
    };

    private static FileStream? Unwrap(FileSystemStream stream)
    {
        try
        {
            return (FileStream)stream;
        }
        catch (InvalidCastException)
        {
            return null;
        }
    }

    private const int SyncFileRangeWrite = 2;

    private const long UtimeOmit = (1L << 30) - 2;

    private static void WithDescriptor(string path, Func<int, int> action, string verb)
    {
        var fd = Open(path, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
        {
            throw ErrorFor(Marshal.GetLastPInvokeError(), path, verb);
        }

        try
        {
            if (action(fd) != 0)
            {
                throw ErrorFor(Marshal.GetLastPInvokeError(), path, verb);
            }
        }
        finally
        {
            Close(fd);
        }
    }

    private static EntryKind KindOf(int mode) => (mode & 0xf000) switch
    {
        0x4000 => EntryKind.Directory,
        0xa000 => EntryKind.Symlink,
        0x1000 => EntryKind.Fifo,
        0xc000 => EntryKind.Socket,
        0x2000 => EntryKind.CharacterDevice,
        0x6000 => EntryKind.BlockDevice,
        _ => EntryKind.File,
    };

    private static IOException ErrorFor(int errno, string path, string verb)
    {
        var reason = Marshal.GetPInvokeErrorMessage(errno);
        var message = $"Could not {verb} '{path}': {reason}.";
        return errno switch
        {
            2 or 20 => new FileNotFoundException(message, path), // ENOENT, ENOTDIR
            13 or 1 => new AccessDeniedException(message, path), // EACCES, EPERM
            _ => new IOException(message, errno),
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int UtimensAt(int dirFd, string path, long* times, int flags);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int userId, int groupId);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long count, uint flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
