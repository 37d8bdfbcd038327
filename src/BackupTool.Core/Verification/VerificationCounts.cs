namespace BackupTool.Core.Verification;

/// <summary>The running totals of one verification.</summary>
internal sealed class VerificationCounts
{
    private long _filesListed;
    private long _filesVerified;
    private long _bytesVerified;
    private long _tagFilesVerified;
    private long _filesChecked;

    public long FilesListed => Interlocked.Read(ref _filesListed);

    public long FilesVerified => Interlocked.Read(ref _filesVerified);

    public long BytesVerified => Interlocked.Read(ref _bytesVerified);

    public long TagFilesVerified => Interlocked.Read(ref _tagFilesVerified);

    public void AddListed() => Interlocked.Increment(ref _filesListed);

    public void AddVerified(long bytes)
    {
        Interlocked.Increment(ref _filesVerified);
        Interlocked.Add(ref _bytesVerified, bytes);
    }

    public void AddTagFileVerified() => Interlocked.Increment(ref _tagFilesVerified);

    /// <summary>Counts one more payload file checked, intact or not, and returns the new count.</summary>
    public long AddChecked() => Interlocked.Increment(ref _filesChecked);
}
