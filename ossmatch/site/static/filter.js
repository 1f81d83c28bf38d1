/* ossmatch portal filters: no dependencies, never inserts HTML (only text and the hidden flag). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("count");
  if (!form || !status) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.i"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.g"));
  var areaOf = items.map(function (li) {
    var section = li.closest("section.g");
    var heading = section ? section.querySelector("h2") : null;
    return heading ? heading.textContent.trim().toLowerCase() : "";
  });
  var text = items.map(function (li) {
    var title = li.querySelector("h3");
    var project = li.querySelector(".p");
    return ((title ? title.textContent : "") + " " + (project ? project.textContent : "")).toLowerCase();
  });

  function field(name) {
    var el = form.elements.namedItem(name);
    if (!el) { return ""; }
    return el.type === "checkbox" ? el.checked : el.value.trim().toLowerCase();
  }

  function apply() {
    var q = field("q"), area = field("area"), lang = field("language"), kind = field("kind");
    var level = field("difficulty"), mentored = field("mentored"), fresh = field("fresh");
    var shown = 0;
    items.forEach(function (li, index) {
      var d = li.dataset;
      var ok = (!q || text[index].indexOf(q) !== -1) &&
        (!area || areaOf[index] === area) &&
        (!lang || (d.l || "").toLowerCase() === lang) &&
        (!kind || (" " + (d.k || "") + " ").indexOf(" " + kind + " ") !== -1) &&
        (!level || d.d === level) &&
        (!mentored || d.m === "1") &&
        (!fresh || d.f === "1");
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (section) {
      section.hidden = !section.querySelector("li.i:not([hidden])");
    });
    status.textContent = "Showing " + shown + " of " + items.length + " issues";
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
