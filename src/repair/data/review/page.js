// The review page's behaviour. Every piece of document text goes into the
// page through textContent, never as markup. Nothing is fetched or sent;
// decisions leave only as a downloaded file.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var items = [];       // every edit and flag, in page order
  var decision = {};    // item id -> "accept" | "reject"
  var history = [];     // undo stack: each entry a list of [item, previous decision]
  var current = null;   // the item the keyboard acts on
  var LABEL = { accept: "accepted", reject: "rejected" };

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function likeKey(item) { return JSON.stringify([item.before, item.after]); }

  function confidenceBand(c) { return c >= 0.9 ? "high" : c >= 0.7 ? "medium" : "low"; }

  // -- building the page ------------------------------------------------------

  var groups = {};      // likeKey -> decidable items with that before -> after
  var main = document.getElementById("items");
  var docList = document.getElementById("documents");
  var families = {};

  DATA.documents.forEach(function (doc, d) {
    doc.items.forEach(function (item) {
      item.doc = d;
      item.index = items.length;
      item.decidable = !!item.record;
      families[item.kind] = true;
      if (item.decidable) (groups[likeKey(item)] = groups[likeKey(item)] || []).push(item);
      items.push(item);
    });
  });

  function contextLine(item) {
    var p = make("p", "context");
    p.appendChild(document.createTextNode((item.cutLeft ? "… " : "") + item.left));
    if (item.origin === "edit") {
      if (item.before) p.appendChild(make("del", "", item.before));
      if (item.after) p.appendChild(make("ins", "", item.after));
    } else {
      p.appendChild(make("mark", "", item.before));
      if (item.after !== null) {
        p.appendChild(document.createTextNode(" "));
        p.appendChild(make("ins", "", "→ " + item.after));
      }
    }
    p.appendChild(document.createTextNode(item.right + (item.cutRight ? " …" : "")));
    return p;
  }

  function button(label, className, action) {
    var b = make("button", className, label);
    b.type = "button";
    b.addEventListener("click", function (event) { event.stopPropagation(); action(); });
    return b;
  }

  function card(item, doc) {
    var node = make("article", "item " + item.origin);
    node.tabIndex = -1;
    node.id = "item-" + item.id;
    node.dataset.id = item.id;
    var where = doc.name + (item.column ? ":" + item.line + ":" + item.column : "");
    node.appendChild(make("p", "where", where));
    node.appendChild(contextLine(item));
    var meta = make("p", "meta");
    meta.appendChild(make("span", "kind", item.kind));
    meta.appendChild(document.createTextNode(" · confidence " + item.confidence.toFixed(2) + " · "));
    meta.appendChild(make("span", "reason", item.reason));
    node.appendChild(meta);
    var actions = make("div", "actions");
    if (item.decidable) {
      var flag = item.origin === "flag";
      actions.appendChild(button(flag ? "Fix this as suggested (a)" : "Accept (a)", "yes accept-one", function () { setCurrent(item); decide(item, "accept", false); }));
      actions.appendChild(button(flag ? "Leave it (r)" : "Reject (r)", "no reject-one", function () { setCurrent(item); decide(item, "reject", false); }));
      var same = groups[likeKey(item)].length;
      if (same > 1) {
        actions.appendChild(button("Accept all " + same + " like this (A)", "yes accept-all", function () { setCurrent(item); decide(item, "accept", true); }));
        actions.appendChild(button("Reject all " + same + " like this (R)", "no reject-all", function () { setCurrent(item); decide(item, "reject", true); }));
      }
      actions.appendChild(make("span", "state"));
    } else {
      actions.appendChild(make("span", "empty", "No suggestion: fix it by hand if it needs fixing."));
    }
    node.appendChild(actions);
    node.addEventListener("click", function () { setCurrent(item); });
    item.node = node;
    return node;
  }

  DATA.documents.forEach(function (doc, d) {
    var section = make("section", "doc");
    section.id = "doc-" + d;
    var heading = make("h2", "", doc.name);
    heading.appendChild(make("span", "damage", "  " + doc.damage + " per 1,000 words · " + plural(doc.edits, "edit") + " · " + plural(doc.flags, "flag")));
    section.appendChild(heading);
    var edits = doc.items.filter(function (i) { return i.origin === "edit"; });
    var flags = doc.items.filter(function (i) { return i.origin === "flag"; });
    edits.forEach(function (item) { section.appendChild(card(item, doc)); });
    if (flags.length) {
      var apart = make("div", "flags");
      apart.appendChild(make("h3", "", "Flags: suggestions repair did not apply"));
      flags.forEach(function (item) { apart.appendChild(card(item, doc)); });
      section.appendChild(apart);
    }
    doc.section = section;
    main.appendChild(section);

    var li = make("li");
    li.appendChild(button(doc.name, "", function () { selectDocument(d); }));
    li.appendChild(make("span", "damage", " " + doc.damage));
    docList.appendChild(li);
    var option = make("option", "", doc.name);
    option.value = String(d);
    document.getElementById("filter-document").appendChild(option);
  });
  if (!DATA.documents.length) main.appendChild(make("p", "empty", "Nothing to review: repair found nothing to change or flag in " + DATA.total + " document(s)."));
  Object.keys(families).sort().forEach(function (family) {
    var option = make("option", "", family);
    option.value = family;
    document.getElementById("filter-family").appendChild(option);
  });

  // -- filters -----------------------------------------------------------------

  var filters = {
    family: document.getElementById("filter-family"),
    confidence: document.getElementById("filter-confidence"),
    document: document.getElementById("filter-document"),
    state: document.getElementById("filter-state"),
  };

  function shown(item) {
    if (filters.family.value && item.kind !== filters.family.value) return false;
    if (filters.confidence.value && confidenceBand(item.confidence) !== filters.confidence.value) return false;
    if (filters.document.value && String(item.doc) !== filters.document.value) return false;
    var state = decision[item.id] || "undecided";
    if (filters.state.value && state !== filters.state.value) return false;
    return true;
  }

  function applyFilters() {
    var visible = {};
    items.forEach(function (item) {
      item.node.hidden = !shown(item);
      if (!item.node.hidden) visible[item.doc] = true;
    });
    DATA.documents.forEach(function (doc, d) { doc.section.hidden = !visible[d]; });
    if (current && current.node.hidden) setCurrent(following(-1, 1));
  }

  Object.keys(filters).forEach(function (name) { filters[name].addEventListener("change", applyFilters); });

  function selectDocument(d) {
    filters.document.value = String(d);
    applyFilters();
    setCurrent(following(-1, 1));
  }

  // -- deciding ----------------------------------------------------------------

  function render(item) {
    var state = decision[item.id];
    item.node.classList.remove("accept", "reject");
    if (state) item.node.classList.add(state);
    var label = item.node.querySelector(".state");
    if (label) label.textContent = state ? LABEL[state] : "";
  }

  var decidableCount = items.filter(function (i) { return i.decidable; }).length;

  function updateCounts() {
    var accepted = 0, rejected = 0;
    Object.keys(decision).forEach(function (id) { if (decision[id] === "accept") accepted++; else rejected++; });
    document.getElementById("count-accepted").textContent = accepted;
    document.getElementById("count-rejected").textContent = rejected;
    document.getElementById("count-decided").textContent = accepted + rejected;
    document.getElementById("count-left").textContent = decidableCount - accepted - rejected;
  }

  // Decisions survive closing the tab: kept in this browser's storage under
  // the batch's key (ids and decisions only, no text). Storage may be off.
  var STORE = "repair-review:" + DATA.key;

  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(decision)); } catch (e) { /* storage off: nothing kept */ }
  }

  function restore() {
    var saved = {};
    try { saved = JSON.parse(window.localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return; }
    items.forEach(function (item) {
      var value = saved[item.id];
      if (item.decidable && (value === "accept" || value === "reject")) {
        decision[item.id] = value;
        render(item);
      }
    });
  }

  function decide(item, value, everyLikeThis) {
    if (!item || !item.decidable) return;
    var targets = everyLikeThis ? groups[likeKey(item)] : [item];
    var step = [];
    targets.forEach(function (target) {
      if (decision[target.id] === value) return;
      step.push([target, decision[target.id]]);
      decision[target.id] = value;
      render(target);
    });
    if (step.length) history.push({ item: item, changes: step });
    save();
    updateCounts();
    if (filters.state.value) applyFilters();  // "show undecided" hides what was just decided
    var next = following(item.index, 1);
    if (next) setCurrent(next);
  }

  function undo() {
    var step = history.pop();
    if (!step) return;
    step.changes.forEach(function (change) {
      if (change[1]) decision[change[0].id] = change[1];
      else delete decision[change[0].id];
      render(change[0]);
    });
    save();
    updateCounts();
    if (filters.state.value) applyFilters();
    if (!step.item.node.hidden) setCurrent(step.item);
  }

  // -- keyboard ----------------------------------------------------------------

  // The next item the keyboard can act on after position ``from``, going by
  // ``step`` (1 or -1): decidable and shown. Walks only as far as it must, so
  // a key press costs the same in a batch of 20 edits or 20,000.
  function following(from, step) {
    for (var i = from + step; i >= 0 && i < items.length; i += step) {
      if (items[i].decidable && !items[i].node.hidden) return items[i];
    }
    return null;
  }

  function setCurrent(item) {
    if (current) current.node.classList.remove("current");
    current = item;
    if (!item) return;
    item.node.classList.add("current");
    item.node.focus({ preventScroll: true });
    item.node.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var next = current ? following(current.index, step) : following(-1, 1);
    if (next) setCurrent(next);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") return;
    var actions = {
      j: function () { move(1); },
      k: function () { move(-1); },
      a: function () { decide(current, "accept", false); },
      r: function () { decide(current, "reject", false); },
      A: function () { decide(current, "accept", true); },
      R: function () { decide(current, "reject", true); },
      u: undo,
    };
    var action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // -- export ------------------------------------------------------------------

  function decisionsFile() {
    var out = {};
    Object.keys(DATA.export).forEach(function (key) { out[key] = DATA.export[key]; });
    out.created = new Date().toISOString();
    out.edits = items.filter(function (i) { return i.decidable; }).map(function (item) {
      var record = {};
      Object.keys(item.record).forEach(function (key) { record[key] = item.record[key]; });
      record.decision = decision[item.id] || "undecided";
      return record;
    });
    return out;
  }

  document.getElementById("export").addEventListener("click", function () {
    var file = decisionsFile();
    var blob = new Blob([JSON.stringify(file, null, 1) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = make("a");
    link.href = url;
    link.download = "repair-decisions.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    var decided = file.edits.filter(function (e) { return e.decision !== "undecided"; }).length;
    document.getElementById("export-status").textContent = "Exported " + decided + " decision(s) of " + file.edits.length + " to repair-decisions.json";
  });

  restore();
  updateCounts();
  applyFilters();
  setCurrent(following(-1, 1));
})();
