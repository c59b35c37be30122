using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The real LocalLoop app as its own process on a free loopback port, on its own SQLite database with the demo
/// data — what a person gets from the README's run command. The database is a copy of the one demo city seeded for
/// the whole test run (<see cref="DemoTemplate"/>), so a journey may change anything without another one noticing.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    internal const string DatabaseFileName = "localloop.db";
    internal const string UploadsFolderName = "uploads";

    private static readonly string DataFolders = Path.Combine(Path.GetTempPath(), "localloop-browser");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningApp(Process process, string baseUrl, string dataFolder)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    internal string DataFolder { get; }

    internal string DatabaseFile => Path.Combine(DataFolder, DatabaseFileName);

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

    /// <summary>The app on a copy of the seeded demo database; the first call of the run waits for the seeding.</summary>
    public static async Task<RunningApp> StartAsync()
    {
        var dataFolder = NewDataFolder("");
        await DemoTemplate.CopyToAsync(dataFolder);
        var app = await LaunchAsync(dataFolder);
        try
        {
            await app.WarmUpAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app on an empty data folder: it migrates and seeds the whole demo city before answering /health.</summary>
    internal static Task<RunningApp> StartSeedingAsync() => LaunchAsync(NewDataFolder("seeding-"));

    internal static string NewDataFolder(string prefix)
    {
        var folder = Path.Combine(DataFolders, prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<RunningApp> LaunchAsync(string dataFolder)
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
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__LocalLoop"] = $"Data Source={Path.Combine(dataFolder, DatabaseFileName)}";
        start.Environment["DemoData__Enabled"] = "true";
        start.Environment["Messaging__PickupFolder"] = Path.Combine(dataFolder, "mail-pickup");
        start.Environment["Uploads__Directory"] = Path.Combine(dataFolder, UploadsFolderName);

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
        // The seeding start migrates and seeds the whole demo city; on a 2-core CI machine also running the integration
        // tests that has taken more than 90 s. A start on a copy only boots, but shares that machine.
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

    /// <summary>
    /// Renders the home and sign-in pages once before the journey begins. An app on a copied database answers /health
    /// cold (JIT, EF Core's query pipeline, Razor, the data-protection key ring), all of which the seeding start used to
    /// warm before /health; cold, a journey's first sign-in click outlasted Playwright's 15 s action timeout on a loaded
    /// machine. Both pages only read.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        foreach (var page in new[] { "/", "/account/login" })
        {
            (await http.GetAsync(page)).EnsureSuccessStatusCode();
        }
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
        DeleteFolder(DataFolder);
    }
}
