using System.Text.RegularExpressions;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record CategoryRequest(string ParentCode, string Code, string NameZh, string NameEn);

public sealed record CategoryRenameRequest(string NameZh, string NameEn);

public sealed record CategoryMoveRequest(string Direction);

public sealed record CategoryView(string Code, string? ParentCode, string NameZh, string NameEn, int SortOrder, bool IsActive, List<CategoryView> Children);

/// <summary>
/// Admins manage the second level of the category tree; the ten top-level areas are fixed. A category in use by a
/// product cannot be deleted, only deactivated (no new products, existing ones keep it).
/// </summary>
public sealed partial class CategoryAdmin(AppDbContext db, Discovery.SearchIndex searchIndex)
{
    /// <summary>The tree; <paramref name="activeOnly"/> for the public and the merchants' choice.</summary>
    public async Task<List<CategoryView>> TreeAsync(bool activeOnly)
    {
        var nodes = await db.CategoryNodes.AsNoTracking().Where(c => !activeOnly || c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync();
        return nodes.Where(n => n.ParentCode is null)
            .Select(top => View(top, nodes.Where(c => c.ParentCode == top.Code).Select(c => View(c, [])).ToList()))
            .ToList();
    }

    public async Task<CategoryView> AddAsync(CategoryRequest request)
    {
        var errors = new Validation();
        var parent = await db.CategoryNodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == request.ParentCode && c.ParentCode == null);
        errors.Check("parentCode", parent is not null, "Choose one of the ten top-level areas as parent.", "请选择十个一级类目之一作为上级。");
        // Either the child's own part ("hotpot") or the full code ("food.hotpot") is accepted.
        var own = (request.Code ?? "").Trim().ToLowerInvariant();
        if (parent is not null && own.StartsWith(parent.Code + ".", StringComparison.Ordinal))
        {
            own = own[(parent.Code.Length + 1)..];
        }

        errors.Check("code", ChildCode().IsMatch(own), "The code is 2 to 30 lowercase letters or digits, starting with a letter (e.g. hotpot).",
            "编码须为 2 到 30 个小写字母或数字，以字母开头（如 hotpot）。");
        CheckNames(errors, request.NameZh, request.NameEn);
        errors.ThrowIfAny();

        var code = $"{parent!.Code}.{own}";
        if (await db.CategoryNodes.AnyAsync(c => c.Code == code))
        {
            throw DomainException.Conflict("category_exists", $"The category {code} already exists.", $"类目 {code} 已存在。");
        }

        var last = await db.CategoryNodes.Where(c => c.ParentCode == parent.Code).MaxAsync(c => (int?)c.SortOrder) ?? 0;
        var node = new CategoryNode { Code = code, ParentCode = parent.Code, NameZh = request.NameZh.Trim(), NameEn = request.NameEn.Trim(), SortOrder = last + 1 };
        db.CategoryNodes.Add(node);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw DomainException.Conflict("category_exists", $"The category {code} already exists.", $"类目 {code} 已存在。");
        }

        return View(node, []);
    }

    public async Task RenameAsync(string code, CategoryRenameRequest request)
    {
        var errors = new Validation();
        CheckNames(errors, request.NameZh, request.NameEn);
        errors.ThrowIfAny();
        await ChildAsync(code);
        await db.CategoryNodes.Where(c => c.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NameZh, request.NameZh.Trim()).SetProperty(c => c.NameEn, request.NameEn.Trim()));
        await searchIndex.RefreshCategoryAsync(code);
    }

    /// <summary>Swaps the category with its neighbour above ("up") or below ("down") under the same parent.</summary>
    public async Task MoveAsync(string code, string direction)
    {
        if (direction is not ("up" or "down"))
        {
            throw Validation.Single("direction", "Direction is up or down.", "方向须为 up（上移）或 down（下移）。");
        }

        var node = await ChildAsync(code);
        var siblings = await db.CategoryNodes.Where(c => c.ParentCode == node.ParentCode).OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync();
        var index = siblings.FindIndex(c => c.Code == code);
        var other = direction == "up" ? index - 1 : index + 1;
        if (other < 0 || other >= siblings.Count)
        {
            return;
        }

        (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].SortOrder = i + 1;
        }

        await db.SaveChangesAsync();
    }

    public async Task SetActiveAsync(string code, bool active)
    {
        await ChildAsync(code);
        await db.CategoryNodes.Where(c => c.Code == code).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, active));
    }

    public async Task DeleteAsync(string code)
    {
        await ChildAsync(code);
        if (await db.Products.IgnoreQueryFilters().AnyAsync(p => p.CategoryCode == code) || await db.ProductRevisions.AnyAsync(r => r.CategoryCode == code))
        {
            throw DomainException.Conflict("category_in_use", "Products use this category: deactivate it instead of deleting it.", "该类目下已有商品，不能删除，请改为停用。");
        }

        await db.CategoryNodes.Where(c => c.Code == code).ExecuteDeleteAsync();
    }

    /// <summary>Checks a product's category: an active second-level category under an active area.</summary>
    public async Task CheckForProductAsync(string? code, Validation errors)
    {
        var node = await db.CategoryNodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code);
        var parentActive = node?.ParentCode is { } parent && await db.CategoryNodes.AnyAsync(c => c.Code == parent && c.IsActive);
        errors.Check("categoryCode", node is not null, "Choose a category from the list.", "请从列表中选择类目。");
        errors.Check("categoryCode", node is null || node.ParentCode is not null, "Choose a second-level category (e.g. Hotpot under Food), not a whole area.",
            "请选择二级类目（如 美食 下的 火锅），而不是一级类目。");
        errors.Check("categoryCode", node?.ParentCode is null || (node.IsActive && parentActive), "This category is no longer in use; choose another.",
            "该类目已停用，请选择其他类目。");
    }

    private async Task<CategoryNode> ChildAsync(string code)
    {
        var node = await db.CategoryNodes.SingleOrDefaultAsync(c => c.Code == code) ?? throw DomainException.NotFound("Category", "类目");
        return node.ParentCode is null
            ? throw DomainException.Conflict("top_level_category", "The ten top-level areas are fixed; manage their subcategories.", "十个一级类目固定不变，请管理其下的二级类目。")
            : node;
    }

    private static void CheckNames(Validation errors, string? nameZh, string? nameEn)
    {
        errors.Required("nameZh", nameZh, 20, "Chinese name", "中文名称");
        errors.Required("nameEn", nameEn, 50, "English name", "英文名称");
    }

    private static CategoryView View(CategoryNode node, List<CategoryView> children) =>
        new(node.Code, node.ParentCode, node.NameZh, node.NameEn, node.SortOrder, node.IsActive, children);

    [GeneratedRegex("^[a-z][a-z0-9]{1,29}$")]
    private static partial Regex ChildCode();
}
