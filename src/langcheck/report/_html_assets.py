"""The inline stylesheet and script of the HTML report (kept apart so html.py reads as markup).

The script reads its data from `<script type="application/json" id="lc-data">`:
`{"report": report id, "schema": baseline schema, "findings": [{"id": "f-1", "severity",
"category", "lang", "rule", "message", "fp": baseline fingerprint, "related": [paragraph
element ids]}]}` in list order. It is allowed by a hash in the page's Content-Security-Policy,
so it must stay byte-identical (no per-report text in it; everything varying is in the data).

Review: decisions live in `localStorage["langcheck-review:" + report]` as
`{"decisions": {fp: {"state": "accepted" | "false-positive" | "open", "comment": str}}}`;
anything else found there is ignored (every file:// page shares one storage). The download is
`{"schema", "fingerprints", "decisions"}`, the shape `langcheck.baseline` reads.
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
aside h3 { font-size: 13px; margin: 12px 0 4px; overflow-wrap: anywhere; }
ol.findings { list-style: none; margin: 0; padding: 0; }
ol.findings li { border-left: 3px solid var(--line); padding: 4px 8px; margin: 4px 0; border-radius: 0 4px 4px 0; }
ol.findings li.sev-error { border-left-color: var(--error); }
ol.findings li.sev-warning { border-left-color: #d4a72c; }
ol.findings li.sev-info { border-left-color: var(--info); }
ol.findings li.current { background: var(--panel); outline: 1px solid var(--line); }
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
/* Automatic layout: each column is at least as wide as its longest word and takes a share of
   the rest by its text; too many columns for the window scroll the page sideways instead of
   breaking words. */
table.aligned { border-collapse: collapse; width: 100%; table-layout: auto; }
table.aligned th { position: sticky; top: 0; background: var(--panel); text-align: left; font-size: 13px;
  padding: 6px 10px; border-bottom: 1px solid var(--line); z-index: 1; }
table.aligned th small { color: var(--muted); font-weight: normal; overflow-wrap: anywhere; }
table.aligned th.group, table.aligned td.group { width: 56px; color: var(--muted); font-size: 12px; text-align: right; }
/* Never mid-word ("Pressemitt-eilung"): lines break between words only; a URL-like run has <wbr>. */
table.aligned td { vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line);
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
table.aligned .col-off { display: none; }
table.aligned tr.row-current > td { background: #f3f6fa; }
p.para.counterpart { box-shadow: -3px 0 0 #8250df; background: #fbf7ff; }
span.cp.counterpart { background: #eddeff; box-shadow: inset 0 -2px 0 #8250df; border-radius: 3px; }
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
mark.finding[data-state="accepted"]::after { content: " \\2713"; font-size: 11px; color: #1a7f37; }
mark.finding[data-state="false-positive"] { background: none; box-shadow: inset 0 -1px 0 var(--muted); }
mark.finding[data-state="false-positive"]::after { content: " \\2717"; font-size: 11px; color: var(--muted); }
.review { margin: 2px 0 0; }
.review button { font: inherit; font-size: 11px; padding: 0 6px; margin-right: 4px; border: 1px solid var(--line);
  border-radius: 4px; background: var(--bg); color: var(--text); cursor: pointer; }
.review .state { font-size: 11px; color: var(--muted); }
li[data-state="accepted"] .state { color: #1a7f37; font-weight: 600; }
li[data-state="accepted"] button[data-act="accepted"], li[data-state="false-positive"] button[data-act="false-positive"] {
  background: var(--text); color: var(--bg); }
li[data-state="false-positive"] > a { color: var(--muted); }
p.comment { margin: 2px 0; font-style: italic; }
input.comment-input { width: 100%; font: inherit; font-size: 12px; }
.review-bar { font-size: 12px; margin: 0 0 8px; }
.review-bar button { font: inherit; margin: 4px 4px 0 0; }
.hint { color: var(--muted); font-size: 11px; margin: 4px 0; }
.note { font-size: 12px; color: var(--muted); border-left: 2px solid var(--line); padding: 1px 6px; margin: 2px 0 6px; }
.note b { color: var(--text); font-weight: 600; }
.note.sev-error { border-left-color: var(--error); } .note.sev-warning { border-left-color: #d4a72c; }
.note.sev-info { border-left-color: var(--info); }
.none { color: var(--muted); }
/* A narrow window: the sidebar goes above the versions, so their columns get the whole width. */
@media (max-width: 1000px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  aside { position: static; max-height: 45vh; border-right: none; border-bottom: 1px solid var(--line); }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lc-data").textContent);
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var stateRadios = Array.prototype.slice.call(document.querySelectorAll("input[data-state-filter]"));
  var counter = document.getElementById("shown-count");
  var reviewCount = document.getElementById("review-count");
  var pairOn = document.getElementById("pair-on");
  var pairA = document.getElementById("pair-a");
  var pairB = document.getElementById("pair-b");
  var storeKey = "langcheck-review:" + data.report;
  var byId = {};
  data.findings.forEach(function (f) { byId[f.id] = f; });
  var currentId = null;
  var decisions = load();
  var undoStack = [];

  // --- review state: fingerprint -> {state, comment}, kept in localStorage ----------------------
  function load() {
    var out = {};
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey) || "{}").decisions || {};
      Object.keys(saved).forEach(function (fp) {
        var d = saved[fp];
        if (d && ["open", "accepted", "false-positive"].indexOf(d.state) >= 0) {
          out[fp] = {state: d.state, comment: typeof d.comment === "string" ? d.comment : ""};
        }
      });
    } catch (e) { storageFailed(); }
    return out;
  }
  function save() {
    try { window.localStorage.setItem(storeKey, JSON.stringify({decisions: decisions})); }
    catch (e) { storageFailed(); }
  }
  function storageFailed() { document.getElementById("storage-note").hidden = false; }
  function decision(f) { return decisions[f.fp] || {state: "open", comment: ""}; }
  function decide(id, change) {
    var f = byId[id];
    if (!f) { return; }
    var before = decision(f);
    var after = {state: change.state === undefined ? before.state : change.state,
                 comment: change.comment === undefined ? before.comment : change.comment};
    undoStack.push({fp: f.fp, before: before});
    put(f.fp, after);
  }
  function put(fp, d) {
    if (d.state === "open" && !d.comment) { delete decisions[fp]; } else { decisions[fp] = d; }
    save();
    show();
  }
  function undo() {
    var last = undoStack.pop();
    if (last) { put(last.fp, last.before); }
  }
  function toggle(id, state) {
    var f = byId[id];
    if (f) { decide(id, {state: decision(f).state === state ? "open" : state}); }
  }

  // --- what is shown ---------------------------------------------------------------------------
  function checked(kind) {
    var on = new Set();
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { on.add(b.value); } });
    return on;
  }
  function stateFilter() {
    var on = stateRadios.filter(function (r) { return r.checked; })[0];
    return on ? on.value : "all";
  }
  // A finding's marks and list item, looked up once: show() runs on every key press, and a
  // document-wide query per finding each time made that quadratic in a large report.
  var elements = {};
  function parts(id) {
    if (!elements[id]) {
      var item = document.querySelector('li[data-fid="' + id + '"]');
      elements[id] = {
        related: Array.prototype.slice.call(document.querySelectorAll('[data-fid="' + id + '"], #' + id)),
        item: item, state: item && item.querySelector(".state"), note: item && item.querySelector("p.comment"),
        buttons: item ? Array.prototype.slice.call(item.querySelectorAll("button[data-act]")) : []
      };
    }
    return elements[id];
  }
  function related(id) { return parts(id).related; }
  function pairLangs() {
    return pairOn.checked ? new Set([pairA.value, pairB.value]) : null;
  }
  function show() {
    var sev = checked("severity"), cat = checked("category"), lang = checked("lang"), state = stateFilter();
    var pair = pairLangs(), shown = 0, counts = {open: 0, accepted: 0, "false-positive": 0};
    data.findings.forEach(function (f) {
      var d = decision(f);
      counts[d.state] += 1;
      var on = sev.has(f.severity) && cat.has(f.category) && lang.has(f.lang) &&
        (state === "all" || state === d.state) && (!pair || pair.has(f.lang));
      if (on) { shown += 1; }
      var el = parts(f.id);
      el.related.forEach(function (mark) {
        mark.classList.toggle("off", !on);
        mark.dataset.state = d.state;
      });
      el.state.textContent = d.state === "false-positive" ? "false positive" : d.state;
      el.buttons.forEach(function (b) {
        if (b.dataset.act !== "comment") { b.setAttribute("aria-pressed", String(b.dataset.act === d.state)); }
      });
      el.note.textContent = d.comment;
      el.note.hidden = !d.comment;
    });
    document.querySelectorAll("table.aligned [lang]").forEach(function (cell) {
      cell.classList.toggle("col-off", !!pair && !pair.has(cell.getAttribute("lang")));
    });
    counter.textContent = shown + " of " + data.findings.length + " findings shown";
    reviewCount.textContent = counts.open + " open · " + counts.accepted + " accepted · " +
      counts["false-positive"] + " false positive";
  }
  function visible() {
    return data.findings.map(function (f) { return f.id; }).filter(function (id) {
      return !document.getElementById(id).classList.contains("off");
    });
  }
  function select(id) {
    document.querySelectorAll(".current, .counterpart, .row-current").forEach(function (el) {
      el.classList.remove("current", "counterpart", "row-current");
    });
    currentId = id;
    related(id).forEach(function (el) { el.classList.add("current"); });
    byId[id].related.forEach(function (pid) {
      var p = document.getElementById(pid);
      if (p) { p.classList.add("counterpart"); }
    });
    document.querySelectorAll('span.cp[data-for~="' + id + '"]').forEach(function (el) { el.classList.add("counterpart"); });
    var item = parts(id).item;
    if (item) { item.scrollIntoView({block: "nearest"}); }
    var mark = document.getElementById(id);
    var row = mark.closest("tr");
    if (row) { row.classList.add("row-current"); }
    mark.scrollIntoView({block: "center"});
    mark.focus({preventScroll: true});
  }
  function step(by) {
    // From the current finding's place in the whole list, so a finding that a state filter has
    // just hidden (it was decided) still leads on to its neighbour.
    var all = data.findings.map(function (f) { return f.id; });
    var shownIds = new Set(visible());
    if (!shownIds.size) { return; }
    var i = all.indexOf(currentId);
    if (i < 0) { i = by > 0 ? -1 : all.length; }
    for (var n = 0; n < all.length; n += 1) {
      i = (i + by + all.length) % all.length;
      if (shownIds.has(all[i])) { select(all[i]); return; }
    }
  }

  // --- comments --------------------------------------------------------------------------------
  function editComment(id) {
    var item = document.querySelector('li[data-fid="' + id + '"]');
    if (!item) { return; }
    var input = item.querySelector("input.comment-input");
    input.value = decision(byId[id]).comment;
    input.hidden = false;
    input.focus();
  }
  function closeComment(input, keep) {
    if (input.hidden) { return; }
    input.hidden = true;
    var id = input.closest("li").dataset.fid;
    if (keep && input.value !== decision(byId[id]).comment) { decide(id, {comment: input.value.trim()}); }
  }
  document.querySelectorAll("input.comment-input").forEach(function (input) {
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { closeComment(input, true); e.preventDefault(); }
      else if (e.key === "Escape") { closeComment(input, false); e.preventDefault(); }
    });
    input.addEventListener("blur", function () { closeComment(input, true); });
  });

  // --- the baseline download -------------------------------------------------------------------
  function download() {
    var withAccepted = document.getElementById("include-accepted").checked;
    var chosen = {};
    data.findings.forEach(function (f) {
      var d = decision(f);
      if (d.state === "false-positive" || (withAccepted && d.state === "accepted")) {
        chosen[f.fp] = {state: d.state, comment: d.comment, rule: f.rule, lang: f.lang, message: f.message};
      }
    });
    var prints = Object.keys(chosen).sort();
    var sorted = {};
    prints.forEach(function (fp) { sorted[fp] = chosen[fp]; });
    var text = JSON.stringify({schema: data.schema, fingerprints: prints, decisions: sorted}, null, 2) + "\\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "application/json"}));
    link.download = "langcheck-baseline.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // --- keys and mouse --------------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    // Letters typed into a text field or a select are not commands; a ticked checkbox or radio
    // keeps focus after a filter change, and the keys must still work from there.
    if (e.target.closest && e.target.closest("input:not([type=checkbox]):not([type=radio]), select, textarea")) { return; }
    var act = {j: 1, n: 1, k: -1, p: -1}[e.key];
    if (act) { step(act); }
    else if (e.key === "a" && currentId) { toggle(currentId, "accepted"); }
    else if (e.key === "f" && currentId) { toggle(currentId, "false-positive"); }
    else if (e.key === "c" && currentId) { editComment(currentId); }
    else if (e.key === "u") { undo(); }
    else { return; }
    e.preventDefault();
  });
  document.querySelectorAll("ol.findings a").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); select(a.parentNode.dataset.fid); });
  });
  document.querySelectorAll("mark.finding").forEach(function (m) {
    m.addEventListener("click", function () { select(m.id); });
  });
  document.querySelectorAll(".review button").forEach(function (b) {
    b.addEventListener("click", function () {
      var id = b.closest("li").dataset.fid;
      select(id);
      if (b.dataset.act === "comment") { editComment(id); } else { toggle(id, b.dataset.act); }
    });
  });
  document.getElementById("download-baseline").addEventListener("click", download);
  boxes.concat(stateRadios, [pairOn, pairA, pairB]).forEach(function (b) { b.addEventListener("change", show); });
  show();
  // Open the report where the work is: the first finding still to review (else the first shown),
  // on a reload too (the browser would otherwise put back the old scroll position after this).
  if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
  var ids = visible();
  var first = ids.filter(function (id) { return decision(byId[id]).state === "open"; })[0] || ids[0];
  if (first) { document.getElementById(first).scrollIntoView({block: "center"}); }
})();
"""
