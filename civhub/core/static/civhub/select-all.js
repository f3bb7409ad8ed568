/* "Select all" for a list with a checkbox per row (issue 14), e.g. the ledger's approval queues.
   Markup: a header checkbox <input type="checkbox" data-select-all="entries" hidden aria-label="…"> selects every
   enabled checkbox named "entries" in its form, and shows the mixed state when only some are checked. An element with
   data-select-count="entries" (an empty aria-live region) says how many are selected, from its data-none / data-one /
   data-many texts ("{count}" is replaced by the number).
   Without this script the header checkbox and the count stay hidden and every row's own checkbox works as before. */
(function () {
  "use strict";

  function rows(header) {
    var name = header.getAttribute("data-select-all");
    var scope = header.form || document;
    return Array.prototype.filter.call(scope.querySelectorAll("input[type=checkbox]"), function (box) {
      return box.name === name && !box.disabled && box !== header;
    });
  }

  function counters(header) {
    var name = header.getAttribute("data-select-all");
    var scope = header.form || document;
    return Array.prototype.filter.call(scope.querySelectorAll("[data-select-count]"), function (element) {
      return element.getAttribute("data-select-count") === name;
    });
  }

  function countText(element, count) {
    var text = element.getAttribute(count === 0 ? "data-none" : count === 1 ? "data-one" : "data-many") || "";
    return text.replace("{count}", String(count));
  }

  function update(header) {
    var boxes = rows(header);
    var checked = boxes.filter(function (box) { return box.checked; }).length;
    header.checked = boxes.length > 0 && checked === boxes.length;
    header.indeterminate = checked > 0 && checked < boxes.length;
    counters(header).forEach(function (element) {
      var text = countText(element, checked);
      if (element.textContent !== text) { element.textContent = text; }
    });
  }

  function setup(header) {
    if (rows(header).length === 0) { return; }
    header.hidden = false;
    header.addEventListener("change", function () {
      rows(header).forEach(function (box) { box.checked = header.checked; });
      update(header);
    });
    (header.form || document).addEventListener("change", function (event) {
      if (event.target !== header && event.target.name === header.getAttribute("data-select-all")) { update(header); }
    });
    update(header);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[type=checkbox][data-select-all]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
