/* civhub's forms (issue 14). When a form comes back with mistakes, the focus goes to its error summary (an alert:
   templates/forms/errors.html, or a page's own .form-errors), so a keyboard or screen-reader user starts from what
   to correct rather than from the top of the page; the summary's links give each field the focus. Without a
   summary, the messages of the last step (base.html's role="status" block: "Submitted", or what went wrong) take
   the focus, since they sit above the main part that the skip link leads to; unless the address leads to a part
   of the page (/vergadering/1/#agenda), where the browser has scrolled and from where the next Tab goes on. */
(function () {
  "use strict";

  function setup() {
    var hash = window.location.hash.slice(1);
    var target = hash && document.getElementById(decodeURIComponent(hash));
    var first = document.querySelector("main .form-errors") ||
      (!target && document.querySelector(".site-messages"));
    if (first) {
      if (!first.hasAttribute("tabindex")) { first.setAttribute("tabindex", "-1"); }
      first.focus();  // before the autofocus of a field, which then stands back
    }
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
