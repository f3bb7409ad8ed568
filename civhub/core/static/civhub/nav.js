/* civhub's menus (issue 14): the phone's menu button and the office's grouped disclosure menus.
   Without this script every group shows as a heading with its links and the phone shows the whole menu.
   A button says whether its list is open (aria-expanded); Escape closes the open list and returns the focus
   to its button; a click or the focus elsewhere closes a group. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function expanded(button) { return button.getAttribute("aria-expanded") === "true"; }
  function setExpanded(button, open) { button.setAttribute("aria-expanded", open ? "true" : "false"); }

  function setup() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    var groups = Array.prototype.slice.call(document.querySelectorAll(".nav-group-button"));

    function closeGroups(except) {
      groups.forEach(function (button) { if (button !== except) { setExpanded(button, false); } });
    }

    groups.forEach(function (button) {
      button.addEventListener("click", function () {
        var open = !expanded(button);
        closeGroups(button);
        setExpanded(button, open);
      });
    });

    if (toggle && menu) {
      toggle.addEventListener("click", function () {
        var open = !expanded(toggle);
        setExpanded(toggle, open);
        menu.classList.toggle("is-open", open);
      });
    }

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = groups.filter(expanded)[0];
      if (open) {
        closeGroups();
        open.focus();
      } else if (toggle && expanded(toggle)) {
        setExpanded(toggle, false);
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });

    document.addEventListener("click", function (event) {
      if (!event.target.closest(".nav-group")) { closeGroups(); }
    });

    document.addEventListener("focusin", function (event) {
      groups.forEach(function (button) {
        if (expanded(button) && !button.parentNode.contains(event.target)) { setExpanded(button, false); }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}());
