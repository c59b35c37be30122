using LocalLoop.Platform.Localization;

namespace LocalLoop.Inventory;

/// <summary>Inventory page additions: purchase returns on the receipts page and adding a SKU to a count sheet.</summary>
public sealed class InventoryPagesText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("invpages.returned", "已退", "Returned"),
        ("invpages.returnQuantity", "退货数量", "Quantity to return"),
        ("invpages.returnNote", "退货原因", "Reason"),
        ("invpages.return", "退货给供应商", "Return to supplier"),
        ("invpages.allReturned", "已全部退货", "All returned"),
        ("invpages.returnedDone", "已退货给供应商，库存已扣减。", "Returned to the supplier: stock reduced."),

        ("invpages.addSku", "添加盘点商品", "Add a SKU"),
        ("invpages.addSkuIntro", "盘点时发现不在单上的商品（例如没有库存记录的货品），可以在审核前加入盘点单；账面数量按加入时的库存计算。",
            "Found goods that are not on the sheet (for example with no stock record)? Add them before approval; their book quantity is the stock at the moment they are added."),
        ("invpages.addSkuButton", "加入盘点单", "Add to sheet"),
        ("invpages.skuAdded", "已加入盘点单。", "Added to the sheet."),
        ("invpages.noSkuToAdd", "本店所有商品规格都已在盘点单上。", "Every SKU of the shop is already on the sheet."),
    ];
}
