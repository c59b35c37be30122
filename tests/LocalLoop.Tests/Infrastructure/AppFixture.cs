using System.Collections.Concurrent;
using Xunit;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>One running app per database provider, shared by the tests of a class; each test makes its own merchants and consumers.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> _apps = new();

    public Task<TestApp> For(string provider) => _apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => TestApp.StartAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}
