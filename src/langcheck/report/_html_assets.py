"""The inline stylesheet and script of the HTML report (kept apart so html.py reads as markup).

The script reads its data from `<script type="application/json" id="lc-data">`:
`{"findings": [{"id": "f-1", "severity", "category", "lang", "rule"}]}` in list order.
It is allowed by a hash in the page's Content-Security-Policy, so it must stay byte-identical.
"""

STYLE = """
:root { --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5;
  --info: #0969da; --info-bg: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: var(--bg); line-height: 1.5;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
header.summary { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.summary h1 { margin: 0 0 6px; font-size: 20px; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 6px 0; }
.count { padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
.count.sev-error { color: var(--error); background: var(--error-bg); }
.count.sev-warning { color: var(--warning); background: var(--warning-bg); }
.count.sev-info { color: var(--info); background: var(--info-bg); }
.releases-summary { margin: 4px 0 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
.failures { color: var(--error); font-size: 13px; }
.layout { display: grid; grid-template-columns: 340px minmax(0, 1fr); align-items: start; }
aside { position: sticky; top: 0; max-height: 100vh; overflow: auto; padding: 12px 16px;
  border-right: 1px solid var(--line); background: var(--bg); font-size: 13px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 4px 10px 6px; }
legend { color: var(--muted); font-size: 12px; padding: 0 4px; }
fieldset label { display: inline-block; margin-right: 10px; white-space: nowrap; }
.keys { color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; font-size: 11px; }
aside h3 { font-size: 13px; margin: 12px 0 4px; word-break: break-all; }
ol.findings { list-style: none; margin: 0; padding: 0; }
ol.findings li { border-left: 3px solid var(--line); padding: 4px 8px; margin: 4px 0; border-radius: 0 4px 4px 0; }
ol.findings li.sev-error { border-left-color: var(--error); }
ol.findings li.sev-warning { border-left-color: #d4a72c; }
ol.findings li.sev-info { border-left-color: var(--info); }
ol.findings li.current { background: var(--panel); }
ol.findings li.off, .note.off { display: none; }
ol.findings a { color: inherit; text-decoration: none; display: block; }
ol.findings a:hover .rule { text-decoration: underline; }
.sev { font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .02em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); } .sev-info .sev { color: var(--info); }
.rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.where { color: var(--muted); }
main { padding: 12px 24px 48px; min-width: 0; }
section.release h2 { font-size: 17px; margin: 16px 0 2px; }
.files { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
table.aligned { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.aligned th { position: sticky; top: 0; background: var(--panel); text-align: left; font-size: 13px;
  padding: 6px 10px; border-bottom: 1px solid var(--line); z-index: 1; }
table.aligned th small { color: var(--muted); font-weight: normal; }
table.aligned th.group, table.aligned td.group { width: 56px; color: var(--muted); font-size: 12px; text-align: right; }
table.aligned td { vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
p.para { margin: 0 0 6px; white-space: pre-wrap; }
p.para.title { font-weight: 600; }
.pnum { color: var(--muted); font-size: 11px; margin-right: 6px; user-select: none; white-space: nowrap; }
td.empty .missing-label { color: var(--muted); font-style: italic; }
mark.finding { color: inherit; border-radius: 3px; padding: 0 1px; scroll-margin: 80px; }
mark.finding.sev-error { background: var(--error-bg); box-shadow: inset 0 -2px 0 var(--error); }
mark.finding.sev-warning { background: var(--warning-bg); box-shadow: inset 0 -2px 0 #d4a72c; }
mark.finding.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px 0 var(--info); }
mark.finding.missing { font-style: italic; padding: 2px 6px; }
mark.finding.off { background: none; box-shadow: none; }
mark.finding.current, mark.finding:focus { outline: 2px solid var(--text); outline-offset: 1px; }
.note { font-size: 12px; color: var(--muted); border-left: 2px solid var(--line); padding: 1px 6px; margin: 2px 0 6px; }
.note b { color: var(--text); font-weight: 600; }
.note.sev-error { border-left-color: var(--error); } .note.sev-warning { border-left-color: #d4a72c; }
.note.sev-info { border-left-color: var(--info); }
.none { color: var(--muted); }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lc-data").textContent);
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var counter = document.getElementById("shown-count");
  var currentId = null;

  function checked(kind) {
    var on = new Set();
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { on.add(b.value); } });
    return on;
  }
  function related(id) {
    return document.querySelectorAll('[data-fid="' + id + '"], #' + id);
  }
  function apply() {
    var sev = checked("severity"), cat = checked("category"), lang = checked("lang"), shown = 0;
    data.findings.forEach(function (f) {
      var on = sev.has(f.severity) && cat.has(f.category) && lang.has(f.lang);
      if (on) { shown += 1; }
      related(f.id).forEach(function (el) { el.classList.toggle("off", !on); });
    });
    counter.textContent = shown + " of " + data.findings.length + " findings shown";
  }
  function visible() {
    return data.findings.map(function (f) { return f.id; }).filter(function (id) {
      return !document.getElementById(id).classList.contains("off");
    });
  }
  function select(id) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    currentId = id;
    related(id).forEach(function (el) { el.classList.add("current"); });
    var item = document.querySelector('li[data-fid="' + id + '"]');
    if (item) { item.scrollIntoView({block: "nearest"}); }
    var mark = document.getElementById(id);
    mark.scrollIntoView({block: "center"});
    mark.focus({preventScroll: true});
  }
  function step(by) {
    var ids = visible();
    if (!ids.length) { return; }
    var i = ids.indexOf(currentId);
    i = i < 0 ? (by > 0 ? 0 : ids.length - 1) : (i + by + ids.length) % ids.length;
    select(ids[i]);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    // Letters typed into a text field or a select are not navigation; a ticked checkbox keeps focus
    // after a filter change, and j/k must still work from there.
    if (e.target.closest && e.target.closest("input:not([type=checkbox]), select, textarea")) { return; }
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
  });
  document.querySelectorAll("ol.findings a").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); select(a.parentNode.dataset.fid); });
  });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
})();
"""
