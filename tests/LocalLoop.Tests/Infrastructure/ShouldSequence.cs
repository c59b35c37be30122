using Xunit;

namespace LocalLoop.Tests.Infrastructure;

public static class ShouldSequence
{
    /// <summary>Asserts the same items in the same order, showing both lists when they differ.</summary>
    public static void ShouldBeSequence<T>(this IEnumerable<T> actual, IEnumerable<T> expected, string? because = null)
    {
        var a = actual.ToList();
        var e = expected.ToList();
        if (!a.SequenceEqual(e))
        {
            Assert.Fail($"Expected [{string.Join(", ", e)}] but got [{string.Join(", ", a)}]{(because is null ? "" : $": {because}")}.");
        }
    }
}
