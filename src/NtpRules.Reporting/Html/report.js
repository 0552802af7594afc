// Commune index: search, filters and sortable columns; language toggle; print expands every reason.
(function () {
  "use strict";
  var index = document.querySelector("table.index");
  if (index) {
    var rows = Array.prototype.slice.call(index.tBodies[0].rows);
    var search = document.getElementById("index-search");
    var verdict = document.getElementById("index-verdict");
    var criterion = document.getElementById("index-criterion");
    var count = document.getElementById("index-count");
    var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase(); };
    var within = ""; // a district's communes (by their parent), from a summary's link
    var apply = function () {
      var q = fold(search.value.trim()), v = verdict.value, c = criterion.value, shown = 0;
      rows.forEach(function (r) {
        var ok = (!q || fold(r.getAttribute("data-search")).indexOf(q) >= 0)
          && (!v || (" " + r.getAttribute("data-verdicts") + " ").indexOf(" " + v + " ") >= 0)
          && (!c || (" " + r.getAttribute("data-failing") + " ").indexOf(" " + c + " ") >= 0)
          && (!within || r.cells[1].getAttribute("data-sort") === within);
        r.classList.toggle("hidden", !ok);
        if (ok) shown++;
      });
      count.textContent = shown + " / " + rows.length + (within ? " (in " + within + ")" : "");
    };
    [search, verdict, criterion].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
    // Links from the summaries, targets and charts: #v=standard:verdict, #c=standard:criterion, #in=parent, #q=text.
    var follow = function () {
      if (location.hash.indexOf("=") < 0) return;
      var p = new URLSearchParams(location.hash.slice(1));
      var pick = function (select, value) {
        select.value = value || "";
        if (select.value !== (value || "")) select.value = "";
      };
      search.value = p.get("q") || "";
      pick(verdict, p.get("v"));
      pick(criterion, p.get("c"));
      within = p.get("in") || "";
      apply();
      index.scrollIntoView();
    };
    window.addEventListener("hashchange", follow);
    Array.prototype.forEach.call(index.tHead.rows[0].cells, function (th, col) {
      if (!th.classList.contains("sortable")) return;
      th.tabIndex = 0;
      var sort = function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(index.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.classList.contains("num");
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort"), y = b.cells[col].getAttribute("data-sort");
          var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "vi");
          return asc ? d : -d;
        });
        rows.forEach(function (r) { index.tBodies[0].appendChild(r); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    apply();
    follow();
  }
  var toggle = document.getElementById("lang-toggle");
  if (toggle) toggle.addEventListener("click", function () {
    var vi = document.body.classList.toggle("lang-en") === false;
    document.body.classList.toggle("lang-vi", vi);
    document.documentElement.lang = vi ? "vi" : "en";
    toggle.textContent = vi ? "English" : "Tiếng Việt";
  });
  // Reasons: one JSON block (templates once, figures per indicator), filled into a criterion when it opens.
  var data = document.getElementById("reasons"), reasons = data ? JSON.parse(data.textContent) : null;
  var span = function (cls, lang, text) {
    var s = document.createElement("span");
    if (cls) s.className = cls;
    if (lang) s.lang = lang;
    s.textContent = text;
    return s;
  };
  var fill = function (d) {
    var section = d.closest("section.subject");
    if (!reasons || d.querySelector("ul.reasons") || !section || !reasons.s[section.id]) return;
    var at = Array.prototype.indexOf.call(section.querySelectorAll("details"), d);
    var ul = document.createElement("ul");
    ul.className = "reasons";
    (reasons.s[section.id][at] || []).forEach(function (e) {
      var t = reasons.t[e[0]], args = e.slice(1);
      var text = function (template) { return template.replace(/\{\{|\{(\d)\}/g, function (m, n) { return m === "{{" ? "{" : args[+n]; }); };
      var li = document.createElement("li");
      li.appendChild(span("v " + t[0], null, t[1]));
      li.appendChild(document.createTextNode(" " + t[2] + " "));
      if (t[3] === t[4]) li.appendChild(span(null, null, text(t[4])));
      else { li.appendChild(span(null, "vi", text(t[3]))); li.appendChild(span(null, "en", text(t[4]))); }
      ul.appendChild(li);
    });
    d.appendChild(ul);
  };
  document.addEventListener("click", function (e) { var s = e.target.closest && e.target.closest("summary"); if (s) fill(s.parentNode); }, true);
  document.addEventListener("toggle", function (e) { if (e.target.open) fill(e.target); }, true);
  var open = function () { Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { fill(d); d.open = true; }); };
  window.addEventListener("beforeprint", open);
  if (window.matchMedia) window.matchMedia("print").addEventListener("change", function (m) { if (m.matches) open(); });
})();
