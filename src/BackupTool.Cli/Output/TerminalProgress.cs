using System.Diagnostics;

namespace BackupTool.Cli.Output;

/// <summary>Rewrites one status line on an interactive stderr, at most ten times a second.</summary>
internal sealed class TerminalProgress(TextWriter error, Func<string> render) : IDisposable
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly object _gate = new();
    private bool _shown;

    /// <summary>Redraws the line when enough time has passed since the last draw.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_sinceLast.ElapsedMilliseconds < 100)
            {
                return;
            }

            _sinceLast.Restart();
            error.Write("\r\u001b[2K" + render());
            _shown = true;
        }
    }

    /// <summary>Clears the line so that the next output starts on a clean line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_shown)
            {
                error.Write("\r\u001b[2K");
            }
        }
    }
}
