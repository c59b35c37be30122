namespace LocalLoop.Ordering;

/// <summary>What the order lists' pagination (<c>_OrderPager.cshtml</c>) needs: where we are and how to link to another page.</summary>
public sealed record OrderPager(int Page, int TotalCount, Func<int, string> Link)
{
    public int PageCount => Math.Max(1, (TotalCount + OrderQueries.PageSize - 1) / OrderQueries.PageSize);
}
