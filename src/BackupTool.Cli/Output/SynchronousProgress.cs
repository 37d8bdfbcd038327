namespace BackupTool.Cli.Output;

/// <summary>Calls the handler on the reporting thread; <see cref="Progress{T}"/> would post to the thread pool.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
