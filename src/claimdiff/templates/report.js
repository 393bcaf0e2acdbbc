// Filters, search and sort for the claimdiff report. Without this script every card and
// claim stays visible: the page degrades to a plain document.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.claims tbody tr"));
  var list = document.getElementById("discrepancies");
  var noMatch = document.getElementById("no-match");
  var count = document.getElementById("f-count");
  var field = function (id) { return document.getElementById(id); };
  var texts = cards.map(function (c) { return c.textContent.toLowerCase(); });
  var rowTexts = rows.map(function (r) { return r.textContent.toLowerCase(); });

  function matches(el, kind, severity, source, status) {
    if (kind && el.dataset.kind !== kind) { return false; }
    if (severity && el.dataset.severity !== undefined && el.dataset.severity !== severity) { return false; }
    if (status && el.dataset.status !== undefined && el.dataset.status !== status) { return false; }
    if (source && (el.dataset.sources || "").split("|").indexOf(source) < 0) { return false; }
    return true;
  }

  function apply() {
    var started = performance.now();
    var q = field("f-search").value.trim().toLowerCase();
    var kind = field("f-kind").value, severity = field("f-severity").value;
    var source = field("f-source").value, status = field("f-status").value;
    var shown = 0;
    cards.forEach(function (card, i) {
      var ok = matches(card, kind, severity, source, status) && (!q || texts[i].indexOf(q) >= 0);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var shownRows = 0;
    rows.forEach(function (row, i) {
      var ok = matches(row, kind, "", source, "") && (!q || rowTexts[i].indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) { shownRows += 1; }
    });
    noMatch.hidden = shown > 0 || cards.length === 0;
    count.textContent = shown + " of " + cards.length + " discrepancies, " + shownRows + " of " + rows.length + " claims";
    window.claimdiffLastFilterMs = performance.now() - started;
  }

  function sort() {
    var key = field("f-sort").value;
    var sorted = cards.slice().sort(function (a, b) {
      if (key === "entity") { return a.dataset.entity.localeCompare(b.dataset.entity) || a.dataset.order - b.dataset.order; }
      if (key === "sources") { return b.dataset.count - a.dataset.count || a.dataset.order - b.dataset.order; }
      return a.dataset.order - b.dataset.order;
    });
    sorted.forEach(function (card) { list.insertBefore(card, noMatch); });
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  field("f-sort").addEventListener("change", sort);
  window.claimdiffFilter = function (query) { field("f-search").value = query; apply(); return window.claimdiffLastFilterMs; };
  apply();
})();
