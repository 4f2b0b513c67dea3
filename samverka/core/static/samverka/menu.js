// The menu button of narrow screens: without JavaScript the whole menu simply shows.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  if (!button) return;
  var targets = button.getAttribute("aria-controls").split(" ")
    .map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  var narrow = window.matchMedia("(max-width: 40rem)");
  function set(open) {
    button.setAttribute("aria-expanded", String(open));
    targets.forEach(function (t) { t.classList.toggle("menu-closed", !open); });
  }
  function fit() {
    button.hidden = !narrow.matches;
    set(!narrow.matches);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  if (narrow.addEventListener) narrow.addEventListener("change", fit);
  fit();
})();
