/* Samverka's forms (core/formrender.py; forms/form.html brings this file, so a page without a form has no
   script): every part works without this file; it only adds comfort.
   - An error summary takes the focus when the page opens; its links move the focus to their field.
   - A long checkbox list gets its filter box (the box is hidden in the HTML until this runs).
   - A group that belongs to some choices (data-shown-when: the field, data-shown-value: the values, space
     separated) is shown only while one of them is chosen. */
(function () {
  "use strict";
  if (window.samverkaForms) return; // every form brings this file: run it once a page
  window.samverkaForms = true;
  var FILTER_FROM = 8; // a list shorter than this is read at a glance

  function focusField(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    var details = target.closest("details");
    if (details) details.open = true;
    target.focus();
    target.scrollIntoView({block: "center"});
    return true;
  }

  function errorSummaries() {
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link && focusField(decodeURIComponent(link.getAttribute("href").slice(1)))) event.preventDefault();
    });
  }

  function checkboxFilters() {
    document.querySelectorAll("input[data-filters]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("data-filters"));
      if (!list) return;
      var items = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]")).map(function (box) {
        return box.closest("div") || box.parentNode;
      });
      if (items.length < FILTER_FROM) return;
      input.closest(".checkbox-filter").hidden = false;
      input.addEventListener("input", function () {
        var words = input.value.toLocaleLowerCase("sv").trim().split(/\s+/).filter(Boolean);
        items.forEach(function (item) {
          var text = item.textContent.toLocaleLowerCase("sv");
          item.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
        });
      });
    });
  }

  function chosenValue(form, name) {
    var fields = form.querySelectorAll("[name='" + name + "']");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) continue;
      return f.value;
    }
    return "";
  }

  function conditionalGroups() {
    document.querySelectorAll("form").forEach(function (form) {
      var groups = form.querySelectorAll("[data-shown-when]");
      if (!groups.length) return;
      var update = function () {
        groups.forEach(function (group) {
          var value = chosenValue(form, group.getAttribute("data-shown-when"));
          group.hidden = group.getAttribute("data-shown-value").split(" ").indexOf(value) === -1;
        });
      };
      form.addEventListener("change", update);
      update();
    });
  }

  function start() {
    errorSummaries();
    checkboxFilters();
    conditionalGroups();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
