// The budget line form's live figures: volume × price as the amount (half up to the cent, as the server does),
// and a warning while staff hours are not priced at the round's hourly rate. Choosing staff hours with no price
// fills in the rate. The form works without this script; the server computes and checks the amount on save.
(function () {
  "use strict";
  var form = document.querySelector(".budget-line-form");
  if (!form || typeof BigInt === "undefined") { return; }
  var output = form.querySelector("[data-amount]");
  var volume = form.querySelector("[data-volume]");
  var price = form.querySelector("[data-price]");
  var category = form.querySelector("[data-category]");
  var rate = form.getAttribute("data-rate") || "";
  var hours = form.getAttribute("data-hours");
  var english = (document.documentElement.lang || "nl").slice(0, 2) === "en";
  var numbers = new Intl.NumberFormat(english ? "en-GB" : "nl-NL", {minimumFractionDigits: 2, maximumFractionDigits: 2});

  // A number as people type it (7,5 · 1.234,56 · 1,234.56: the last , or . is the decimal separator) in
  // hundredths, or null when it is none or has more than two decimals.
  function hundredths(text) {
    text = (text || "").replace(/[\s\u00a0]/g, "");
    var last = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
    var whole = last >= 0 ? text.slice(0, last).replace(/[.,]/g, "") : text;
    var fraction = last >= 0 ? text.slice(last + 1) : "";
    if (!/^\d*$/.test(whole) || !/^\d{0,2}$/.test(fraction) || whole + fraction === "") { return null; }
    return BigInt(whole || "0") * BigInt(100) + BigInt((fraction + "00").slice(0, 2));
  }

  function euros(cents) {
    return "EUR " + numbers.format(Number(cents) / 100);
  }

  function update() {
    var v = hundredths(volume.value);
    var p = hundredths(price.value);
    var text = "";
    if (v !== null && p !== null) {
      var amount = (v * p + BigInt(50)) / BigInt(100);  // hundredths × hundredths, half up to the cent
      text = output.getAttribute("data-text").replace("{amount}", euros(amount));
    }
    var r = hundredths(rate);
    var offRate = Boolean(category) && category.value === hours && r !== null && p !== null && p !== r;
    if (offRate) {
      text += (text ? " " : "") + output.getAttribute("data-rate-text").replace("{rate}", euros(r));
    }
    output.textContent = text;
    output.classList.toggle("status-problem", offRate);
  }

  if (category) {
    category.addEventListener("change", function () {
      var r = hundredths(rate);
      if (category.value === hours && r !== null && !price.value.trim()) {
        price.value = numbers.format(Number(r) / 100).replace(/[.,](?=\d{3})/g, "");
      }
      update();
    });
  }
  volume.addEventListener("input", update);
  price.addEventListener("input", update);
  update();
}());
