// The survey form's live hint: what the six age bands add up to, beside the persons now.
// The form works without it; the server checks the sum on save.
(function () {
  "use strict";
  var form = document.querySelector(".survey-form");
  if (!form) { return; }
  var output = form.querySelector("[data-age-total]");
  var persons = form.querySelector("[data-persons]");
  var bands = form.querySelectorAll("[data-age-band]");
  function count(input) {
    var value = parseInt(input.value, 10);
    return isNaN(value) ? 0 : value;
  }
  function update() {
    var total = 0;
    bands.forEach(function (input) { total += count(input); });
    var text = output.getAttribute("data-text").replace("{total}", total).replace("{persons}", count(persons));
    output.textContent = text;
    output.classList.toggle("age-total-off", total !== count(persons));
  }
  bands.forEach(function (input) { input.addEventListener("input", update); });
  persons.addEventListener("input", update);
  update();
}());
