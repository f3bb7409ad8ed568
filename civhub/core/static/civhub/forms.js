/* civhub's forms (issue 14): when a form comes back with mistakes, the focus goes to its error summary (an alert with
   tabindex="-1", templates/forms/errors.html), so a keyboard or screen-reader user starts from what to correct rather
   than from the top of the page. The summary's links lead to each field and give it the focus. */
(function () {
  "use strict";

  function setup() {
    var summary = document.querySelector("main .form-errors[tabindex]");
    if (summary) { summary.focus(); }  // before the autofocus of a field, which then stands back
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".form-errors a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        var label = field.labels && field.labels[0];
        (label || field).scrollIntoView({block: "center"});
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}());
