using Microsoft.Data.Sqlite;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The demo city, seeded once per test run: the real app starts once on an empty data folder and seeds it, then a
/// snapshot of its database (and the uploaded files the demo brings) becomes the template every journey copies.
/// Seeding is the expensive part of a start (every demo account's password hashed at full cost, two weeks of history,
/// the search index); an app started on a copy finds the demo there and leaves it alone, as it does on a second
/// `dotnet run`.
/// </summary>
internal static class DemoTemplate
{
    /// <summary>The template's folder, laid out as a <see cref="RunningApp"/> data folder: the database and uploads/.</summary>
    private static readonly Lazy<Task<string>> Folder = new(CreateAsync);

    /// <summary>Copies the template into <paramref name="dataFolder"/>, so the journey gets its own database and files.</summary>
    public static async Task CopyToAsync(string dataFolder) => CopyFolder(await Folder.Value, dataFolder);

    private static async Task<string> CreateAsync()
    {
        var template = RunningApp.NewDataFolder("template-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunningApp.DeleteFolder(template);
        await using var seeding = await RunningApp.StartSeedingAsync();
        // SQLite's online backup reads one committed state of the running app's database, including what still sits
        // in its write-ahead log, into a single self-contained file; nothing opens the template afterwards but File.Copy.
        await using (var source = new SqliteConnection(ConnectionString(seeding.DatabaseFile)))
        await using (var target = new SqliteConnection(ConnectionString(Path.Combine(template, RunningApp.DatabaseFileName))))
        {
            await source.OpenAsync();
            source.BackupDatabase(target);
        }

        // The demo's uploads are all written while seeding, before the app answers /health.
        var uploads = Path.Combine(seeding.DataFolder, RunningApp.UploadsFolderName);
        if (Directory.Exists(uploads))
        {
            CopyFolder(uploads, Path.Combine(template, RunningApp.UploadsFolderName));
        }

        return template;
    }

    private static string ConnectionString(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
