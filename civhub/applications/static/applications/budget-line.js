// The budget line form's live figures: volume × price as the amount (half up to the cent, as the server does),
// a warning while staff hours are not priced at the round's hourly rate (choosing staff hours with no price fills
// in the rate), and the regulation's checks of the budget as it would be with this line: the subsidy at most its
// share of the budget and between the round's minimum and maximum, employers between their shares, government and
// others at most theirs, and (as information) income against costs. The page gives the budget's totals without
// this line, in cents, in the JSON block #budget-live, and the translated messages in [data-live-checks]; every
// sum here is in whole cents (BigInt), every share an exact fraction rounded half up to the cent as the server
// rounds it (core/shares.py share_of). The form works without this script; the server checks the budget on save.
(function () {
  "use strict";
  var form = document.querySelector(".budget-line-form");
  if (!form || typeof BigInt === "undefined") { return; }
  var output = form.querySelector("[data-amount]");
  var volume = form.querySelector("[data-volume]");
  var price = form.querySelector("[data-price]");
  var category = form.querySelector("[data-category]");
  var source = form.querySelector("select[name=source]");
  var kind = form.querySelector("select[name=form]");
  var region = form.querySelector("[data-live-checks]");
  var data = document.getElementById("budget-live");
  var live = data ? JSON.parse(data.textContent) : null;
  var rate = form.getAttribute("data-rate") || "";
  var hours = form.getAttribute("data-hours");
  var english = (document.documentElement.lang || "nl").slice(0, 2) === "en";
  var ZERO = BigInt(0), TWO = BigInt(2), HUNDRED = BigInt(100);

  // A number as people type it (7,5 · 1.234,56 · 1,234.56: the last , or . is the decimal separator) in
  // hundredths, or null when it is none or has more than two decimals.
  function hundredths(text) {
    text = (text || "").replace(/[\s\u00a0]/g, "");
    var last = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
    var whole = last >= 0 ? text.slice(0, last).replace(/[.,]/g, "") : text;
    var fraction = last >= 0 ? text.slice(last + 1) : "";
    if (!/^\d*$/.test(whole) || !/^\d{0,2}$/.test(fraction) || whole + fraction === "") { return null; }
    return BigInt(whole || "0") * HUNDRED + BigInt((fraction + "00").slice(0, 2));
  }

  // Cents (not negative) as the site's |eur writes them: EUR 1.234,56 (Dutch), EUR 1,234.56 (English).
  function number(cents, grouping) {
    var whole = (cents / HUNDRED).toString().replace(/\B(?=(\d{3})+(?!\d))/g, grouping);
    var decimal = live ? live.decimal_separator : (english ? "." : ",");
    return whole + decimal + ("0" + (cents % HUNDRED).toString()).slice(-2);
  }

  function euros(cents) {
    return "EUR " + number(cents, live ? live.group_separator : (english ? "," : "."));
  }

  // `share` ([numerator, denominator]) of `total` cents, half up to the cent: exactly what the server allows.
  function shareOf(total, share) {
    var numerator = BigInt(share[0]), denominator = BigInt(share[1]);
    return (TWO * total * numerator + denominator) / (TWO * denominator);
  }

  // The group the line counts in, as budget_rules.income_group decides it: "cost" for a cost, null while the
  // person has not yet said who pays.
  function groupOf() {
    if (!source) { return "cost"; }
    if (category && category.value === live.bpv) { return "bpv"; }
    if (source.value === live.subsidy) { return "subsidy"; }
    return live.partners[source.value] || null;
  }

  // The budget's totals with `amount` cents added where the line counts.
  function totalsWith(amount, group) {
    var totals = {};
    Object.keys(live.totals).forEach(function (name) { totals[name] = BigInt(live.totals[name]); });
    if (group === "cost") {
      totals.spending += amount;
      return totals;
    }
    totals[group] += amount;
    if (group !== "subsidy" && group !== "bpv" && kind && kind.value === live.in_kind) { totals.in_kind += amount; }
    return totals;
  }

  function message(name, amount) {
    return region.getAttribute("data-" + name).replace("{amount}", euros(amount));
  }

  // Each check the budget with this line breaks ("problem"), or that all hold ("ok"), then notes ("note").
  function checks(amount, group) {
    var t = totalsWith(amount, group);
    var budget = t.subsidy + t.employers + t.others;
    var shares = live.shares, found = [];
    var minimum = live.subsidy_minimum === null ? null : BigInt(live.subsidy_minimum);
    var maximum = live.subsidy_maximum === null ? null : BigInt(live.subsidy_maximum);
    var bound = shareOf(budget, shares.subsidy_max);
    if (t.subsidy > bound) { found.push(["problem", message("subsidy-share", t.subsidy - bound)]); }
    if (minimum !== null && t.subsidy < minimum) {
      found.push(["problem", message("subsidy-minimum", minimum - t.subsidy)]);
    } else if (maximum !== null && t.subsidy > maximum) {
      found.push(["problem", message("subsidy-maximum", t.subsidy - maximum)]);
    }
    var low = shareOf(budget, shares.employer_min), high = shareOf(budget, shares.employer_max);
    if (t.employers < low) {
      found.push(["problem", message("employers-minimum", low - t.employers)]);
    } else if (t.employers > high) {
      found.push(["problem", message("employers-maximum", t.employers - high)]);
    }
    bound = shareOf(budget, shares.other_max);
    if (t.others > bound) { found.push(["problem", message("others-maximum", t.others - bound)]); }
    if (!found.length) { found.push(["ok", message("all-hold", ZERO)]); }
    var income = budget + t.not_counted, costs = t.spending + t.in_kind;
    if (income > costs) { found.push(["note", message("income-more", income - costs)]); }
    if (income < costs) { found.push(["note", message("income-less", costs - income)]); }
    if (group === "not_counted" || group === "bpv") { found.push(["note", message(group.replace("_", "-"), ZERO)]); }
    return found;
  }

  var LABELS = {problem: "data-broken", ok: "data-holds", note: "data-note"};
  var CLASSES = {problem: "status-problem", ok: "status-ok", note: ""};
  var shown = "";

  // The checks in the live region, changed only when their text changes (so a screen reader hears each once).
  function show(found) {
    var text = found.map(function (item) { return item.join(":"); }).join("\n");
    if (text === shown) { return; }
    shown = text;
    region.textContent = "";
    if (!found.length) { return; }
    var list = document.createElement("ul");
    list.className = "check-list";
    list.setAttribute("role", "list");
    found.forEach(function (item) {
      var entry = document.createElement("li");
      var label = document.createElement("strong");
      if (CLASSES[item[0]]) { entry.className = CLASSES[item[0]]; }
      label.textContent = region.getAttribute(LABELS[item[0]]);
      entry.appendChild(label);
      entry.appendChild(document.createTextNode(" " + item[1]));
      list.appendChild(entry);
    });
    region.appendChild(list);
  }

  function update() {
    var v = hundredths(volume.value);
    var p = hundredths(price.value);
    var text = "";
    var amount = null;
    if (v !== null && p !== null) {
      amount = (v * p + BigInt(50)) / HUNDRED;  // hundredths × hundredths, half up to the cent
      text = output.getAttribute("data-text").replace("{amount}", euros(amount));
    }
    var r = hundredths(rate);
    var offRate = Boolean(category) && category.value === hours && r !== null && p !== null && p !== r;
    if (offRate) {
      text += (text ? " " : "") + output.getAttribute("data-rate-text").replace("{rate}", euros(r));
    }
    output.textContent = text;
    output.classList.toggle("status-problem", offRate);
    if (live && region) {
      var group = groupOf();
      show(amount !== null && amount > ZERO && group ? checks(amount, group) : []);
    }
  }

  if (category) {
    category.addEventListener("change", function () {
      var r = hundredths(rate);
      if (category.value === hours && r !== null && !price.value.trim()) { price.value = number(r, ""); }
      update();
    });
  }
  [volume, price].forEach(function (field) { field.addEventListener("input", update); });
  [source, kind].forEach(function (field) { if (field) { field.addEventListener("change", update); } });
  update();
}());
