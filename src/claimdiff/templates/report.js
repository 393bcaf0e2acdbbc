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
  var fields = ["search", "kind", "severity", "source", "status", "sort"];
  // The URL's query keeps the filters: a link or a reload shows the same selection.
  var params = { search: "q", kind: "kind", severity: "severity", source: "source", status: "status", sort: "sort" };

  // Search ignores case and accents ("lancee" finds "lancée") and typographic apostrophes.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae").replace(/\u00df/g, "ss").toLowerCase();
  }
  var texts = cards.map(function (c) { return fold(c.textContent + " " + (c.dataset.terms || "")); });
  var rowTexts = rows.map(function (r) { return fold(r.textContent); });

  function matches(el, kind, severity, source, status) {
    if (kind && (el.dataset.kind || "").split(" ").indexOf(kind) < 0) { return false; }
    if (severity && el.dataset.severity !== undefined && el.dataset.severity !== severity) { return false; }
    if (status && el.dataset.status !== undefined && el.dataset.status !== status) { return false; }
    if (source && (el.dataset.sources || "").split("|").indexOf(source) < 0) { return false; }
    return true;
  }

  // Every word of the query, in any order.
  function found(text, words) {
    for (var i = 0; i < words.length; i += 1) { if (text.indexOf(words[i]) < 0) { return false; } }
    return true;
  }

  function apply() {
    var started = performance.now();
    var words = fold(field("f-search").value).split(/\s+/).filter(Boolean);
    var kind = field("f-kind").value, severity = field("f-severity").value;
    var source = field("f-source").value, status = field("f-status").value;
    var shown = 0;
    cards.forEach(function (card, i) {
      var ok = matches(card, kind, severity, source, status) && found(texts[i], words);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var shownRows = 0;
    rows.forEach(function (row, i) {
      var ok = matches(row, kind, "", source, "") && found(rowTexts[i], words);
      row.hidden = !ok;
      if (ok) { shownRows += 1; }
    });
    noMatch.hidden = shown > 0 || cards.length === 0;
    count.textContent = shown + " of " + cards.length + " cards, " + shownRows + " of " + rows.length + " claims";
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

  function save() {
    var query = new URLSearchParams();
    fields.forEach(function (name) {
      var value = field("f-" + name).value;
      if (value && !(name === "sort" && value === "severity")) { query.set(params[name], value); }
    });
    var search = query.toString();
    try {
      history.replaceState(null, "", (search ? "?" + search : location.pathname) + location.hash);
    } catch (e) { /* some browsers refuse on file: pages; the filters still work */ }
  }

  function restore() {
    var query = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var value = query.get(params[name]), input = field("f-" + name);
      if (value === null) { return; }
      if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) { return; }
      input.value = value;
    });
  }

  // Anchors land below the filter bar where it stays on screen (wide windows).
  function padAnchors() {
    var sticky = getComputedStyle(form).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? Math.ceil(form.getBoundingClientRect().height) + 8 + "px" : "";
  }

  // An anchor shows its card even when the filters hide it; ids printed before 0.2 ("d-d-...") still work.
  function reveal() {
    if (location.hash.indexOf("#d-d-") === 0) { location.replace("#" + location.hash.slice(3)); return; }
    var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var card = target && target.closest ? target.closest("article.card") : null;
    if (card && card.hidden) {
      fields.forEach(function (name) { if (name !== "sort") { field("f-" + name).value = ""; } });
      apply();
      save();
    }
    if (target) { target.scrollIntoView(); }
  }

  form.addEventListener("input", function () { apply(); save(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  field("f-sort").addEventListener("change", function () { sort(); save(); });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", padAnchors);
  window.claimdiffFilter = function (query) { field("f-search").value = query; apply(); return window.claimdiffLastFilterMs; };
  restore();
  sort();
  apply();
  padAnchors();
  reveal();
})();
