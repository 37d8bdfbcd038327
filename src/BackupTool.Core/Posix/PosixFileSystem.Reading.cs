using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BackupTool.Core.Posix;

public sealed partial class PosixFileSystem
{
    private const int AdviseSequential = 2;
    private const int Interrupted = 4;

    /// <summary>Opens a file for reading with one <c>open</c> call, or returns null when that fails.</summary>
    /// <remarks>
    /// Unlike <see cref="File.OpenHandle"/>, this makes no <c>fstat</c> call, so it does not reject a
    /// folder: reading one fails in <see cref="TryReadAt"/> instead. Callers that need the reason for a
    /// failure open the file again through .NET, which raises the matching exception.
    /// </remarks>
    /// <param name="path">The file to open.</param>
    /// <param name="sequential">Whether to advise the kernel that the whole file is read in order.</param>
    public SafeFileHandle? TryOpenForReading(string path, bool sequential)
    {
        var fd = Open(path, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (sequential)
        {
            // Read-ahead advice only; a failure leaves the read correct, so its result is ignored.
            _ = AdviseFile(handle, 0, 0, AdviseSequential);
        }

        return handle;
    }

    /// <summary>Reads from <paramref name="offset"/> with one <c>pread</c> call, retrying on EINTR.</summary>
    /// <returns>The number of bytes read, 0 at the end of the file, or -1 when the read failed.</returns>
    public unsafe int TryReadAt(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = PRead(handle, start, (nint)buffer.Length, offset);
                if (read >= 0 || Marshal.GetLastPInvokeError() != Interrupted)
                {
                    return (int)read;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(SafeFileHandle handle, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int AdviseFile(SafeFileHandle handle, long offset, long length, int advice);
}
