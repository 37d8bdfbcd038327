namespace BackupTool.Core.Posix;

/// <summary>File operations that <see cref="System.IO.Abstractions.IFileSystem"/> lacks.</summary>
/// <remarks>
/// Nanosecond times, inode identity, hard links and durable flushes need the operating system
/// directly. <see cref="PosixFileSystem"/> calls it; <see cref="EmulatedPosixFileSystem"/> maps
/// every call onto an <see cref="System.IO.Abstractions.IFileSystem"/> for tests on a mock.
/// Implementations are safe to call concurrently.
/// </remarks>
public interface IPosixFileSystem
{
    /// <summary>Returns the status of the entry at <paramref name="path"/>.</summary>
    /// <param name="path">The entry.</param>
    /// <param name="followSymlinks">True to report what a final symlink points to instead of the link.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="AccessDeniedException">A folder on the path may not be searched.</exception>
    /// <exception cref="IOException">The entry could not be read for another reason.</exception>
    EntryStatus GetStatus(string path, bool followSymlinks = false);

    /// <summary>Sets the owner and group of the entry, not following a final symlink.</summary>
    void SetOwner(string path, int userId, int groupId);

    /// <summary>Sets the modification time of the entry, not following a final symlink.</summary>
    void SetModifiedTime(string path, UnixTime time);

    /// <summary>Creates <paramref name="newPath"/> as another name of the existing file.</summary>
    void CreateHardLink(string existingPath, string newPath);

    /// <summary>Flushes every written file and folder of the file system holding <paramref name="path"/>.</summary>
    void SyncFileSystem(string path);

    /// <summary>
    /// Starts writing a byte range of an open file to disk and returns without waiting, so that a
    /// later <see cref="SyncFileSystem"/> has less left to write.
    /// </summary>
    /// <remarks>Only a hint: it promises no durability, and the default does nothing.</remarks>
    void StartWriteback(Stream file, long offset, long count)
    {
    }

    /// <summary>Flushes the entries of the directory at <paramref name="path"/>, so that renames in it last.</summary>
    void SyncDirectory(string path);

    /// <summary>Lists the names in the folder at <paramref name="path"/> as stored, without <c>.</c> and <c>..</c>.</summary>
    /// <remarks>Names that are not valid UTF-8 are returned escaped and flagged, never replaced.</remarks>
    /// <exception cref="FileNotFoundException">The folder does not exist.</exception>
    /// <exception cref="AccessDeniedException">The folder may not be read.</exception>
    IReadOnlyList<EntryName> ListDirectory(string path);

    /// <summary>Returns the target text of the symlink at <paramref name="path"/>, byte for byte.</summary>
    /// <exception cref="IOException">The entry is not a symlink or could not be read.</exception>
    EntryName ReadLinkTarget(string path);

    /// <summary>Renames an entry, as <c>rename</c> does: a symlink moves as itself, never its target.</summary>
    /// <remarks>A file or symlink at <paramref name="destinationPath"/> is replaced.</remarks>
    void Rename(string sourcePath, string destinationPath);

    /// <summary>Takes an exclusive advisory lock (<c>flock</c>) on a folder, held until disposed.</summary>
    /// <returns>The lock, or null when another process holds it.</returns>
    /// <remarks>The lock ends with the process that holds it, even when that process is killed.</remarks>
    IDisposable? TryLock(string directoryPath);
}
