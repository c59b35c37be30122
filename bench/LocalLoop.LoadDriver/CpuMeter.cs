using System.Globalization;

/// <summary>
/// CPU seconds used by the app's process and by all PostgreSQL processes, read from /proc (Linux), and by this driver:
/// divided by the work done, they say what one operation costs whatever else the machine is doing — throughput alone
/// does not — and how much of the machine the clients themselves take.
/// </summary>
internal readonly record struct CpuSample(double AppSeconds, double DatabaseSeconds, double DriverSeconds)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSample Take(int? appPid) =>
        new(appPid is { } pid ? Seconds($"/proc/{pid}/stat") : 0, PostgresSeconds(), Environment.CpuUsage.TotalTime.TotalSeconds);

    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.AppSeconds - before.AppSeconds, after.DatabaseSeconds - before.DatabaseSeconds, after.DriverSeconds - before.DriverSeconds);

    private static double PostgresSeconds()
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (char.IsDigit(Path.GetFileName(dir)[0]) && Read($"{dir}/stat") is { } stat && stat.Contains("(postgres)", StringComparison.Ordinal))
            {
                total += Seconds(stat);
            }
        }

        return total;
    }

    private static double Seconds(string pathOrStat)
    {
        var stat = pathOrStat.StartsWith("/proc/", StringComparison.Ordinal) ? Read(pathOrStat) : pathOrStat;
        if (stat is null)
        {
            return 0;
        }

        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
