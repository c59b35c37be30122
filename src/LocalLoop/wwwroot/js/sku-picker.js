// Progressive enhancement of the product page's SKU picker: one choice per spec dimension picks the SKU and shows its
// price (the store's own when it sets one) without a reload. Without this script the page lists every SKU and reloads.
(() => {
  const form = document.getElementById("sku-picker");
  const dimensions = form ? [...form.querySelectorAll("fieldset[data-spec]")] : [];
  if (!form || dimensions.length === 0) return;
  const skus = JSON.parse(form.dataset.skus);
  const list = document.getElementById("sku-list");
  const price = document.getElementById("sku-price");
  const unavailable = document.getElementById("sku-unavailable");
  const yuan = (fen) => "¥" + (fen / 100).toFixed(2);

  const show = () => {
    const values = dimensions.map((d) => d.querySelector("input:checked")?.value);
    const sku = skus.find((s) => s.values.every((v, i) => v === values[i]));
    unavailable.hidden = !!sku;
    price.hidden = !sku;
    if (!sku) return;
    const radio = list.querySelector(`input[name=sku][value="${sku.id}"]`);
    if (radio) radio.checked = true;
    document.querySelectorAll("#store-choice input[name=sku], #add-to-cart input[name=sku]").forEach((input) => { input.value = sku.id; });
    const strong = document.createElement("strong");
    strong.className = "price";
    strong.dataset.skuPrice = "";
    strong.textContent = yuan(sku.priceFen);
    const parts = [strong];
    if (sku.catalogPriceFen !== sku.priceFen) {
      const was = document.createElement("s");
      was.className = "muted";
      was.dataset.catalogPrice = "";
      was.textContent = yuan(sku.catalogPriceFen);
      parts.push(" ", was);
    }
    price.replaceChildren(...parts);
    const url = new URL(location.href);
    url.searchParams.set("sku", sku.id);
    history.replaceState(null, "", url);
  };

  dimensions.forEach((d) => { d.hidden = false; });
  list.hidden = true;
  form.addEventListener("change", (event) => { if (event.target.name?.startsWith("spec-")) show(); });
  show();
})();
