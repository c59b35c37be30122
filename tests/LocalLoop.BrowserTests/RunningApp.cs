using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The real LocalLoop app as its own process on a free loopback port, on a fresh SQLite database with the demo
/// data — what a person gets from the README's run command.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly StringBuilder _output = new();

    private RunningApp(Process process, string baseUrl, string dataFolder)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunningApp> StartAsync()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var appFolder = Path.Combine(root, "src", "LocalLoop");
        var dll = Path.Combine(appFolder, "bin", configuration, "net10.0", "LocalLoop.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the app first (dotnet build LocalLoop.slnx).", dll);
        }

        var port = FreePort();
        var dataFolder = Path.Combine(Path.GetTempPath(), "localloop-browser", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__LocalLoop"] = $"Data Source={Path.Combine(dataFolder, "localloop.db")}";
        start.Environment["DemoData__Enabled"] = "true";
        start.Environment["Messaging__PickupFolder"] = Path.Combine(dataFolder, "mail-pickup");
        start.Environment["Uploads__Directory"] = Path.Combine(dataFolder, "uploads");

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new RunningApp(process, $"http://127.0.0.1:{port}", dataFolder);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // The first start migrates and seeds the whole demo city; on a 2-core CI machine also running the integration
        // tests that has taken more than 90 s.
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not become healthy:\n{Output}");
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LocalLoop.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LocalLoop.slnx not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
