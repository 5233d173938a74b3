// graph.html's own script: the legend, the search box and filters, the details panel and the
// test hook, over vis-network (inlined before this file). graph/html.py inlines this file into
// every page unchanged; the page (view.html) then calls sgStart with its data: the vis DataSets
// `nodes` and `edges`, and the globals sgDetails (escaped details markup by node and edge id)
// and sgConfig (legend and polarity names and colours).
//
// Data reaches the DOM only through textContent, value and setAttribute (never innerHTML),
// except the tooltip/details markup that Python built and escaped (sgElement, sgShowDetails).
//
// #sg-stats reports, as data attributes: data-nodes/data-edges (all drawn),
// data-shown-nodes/-edges (not hidden by a filter), data-dimmed-nodes/-edges (faded by
// a search), data-matches, data-match (1-based index of the match Enter moved to, 0
// for none), data-focused (its label), data-selected (nodes selected), data-stabilized
// ("1" once physics is off) and data-stabilized-by (iterations, stabilized, timeout),
// data-test ("done" once a #sg-test= fragment was replayed, or "error: ...") and
// data-test-steps (JSON: after each replayed action, these attributes and the texts).
//
// Test hook: graph.html#sg-test=ACTION;ACTION... with ACTION one of search:TEXT,
// enter, shift-enter, polarity:-oppose / polarity:+oppose, proposal:LABEL,
// actor:LABEL (a label, or part of one; "" for all), reset. Each action sets the
// control and dispatches the event a user would cause, so it runs the UI's own code.

// Draw the graph into #mynetwork; the page calls this once, with its data.
function sgStart(nodes, edges, options) {
  sgLegend(document.getElementById("sg-legend"));
  document.getElementById("sg-details-close").addEventListener("click", function () { sgShowDetails(null); });
  sgPrepare(nodes, edges);
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, options);
  sgAfter(network, nodes, edges);
  return network;
}

// The legend: node kinds, proposals, the polarities' arrows and part-of, from sgConfig.
function sgLegend(host) {
  function swatch(cls, style) {
    var s = document.createElement("span");
    s.className = cls;
    Object.keys(style).forEach(function (k) { s.style[k] = style[k]; });
    return s;
  }
  function item(mark, text) {
    var span = document.createElement("span");
    span.className = "sg-item";
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text));
    host.appendChild(span);
  }
  sgConfig.kinds.forEach(function (k) { item(swatch("sg-dot", {background: k.colour}), k.name); });
  item(swatch("sg-box", {background: sgConfig.proposal.background, borderColor: sgConfig.proposal.border}),
       "Proposal");
  sgConfig.polarities.forEach(function (p) { item(swatch("sg-line", {borderTopColor: p.colour}), p.legend); });
  item(swatch("sg-line sg-dashed", {borderTopColor: sgConfig.partof}), "part of");
}

// Tooltip strings were built (and escaped) by stancegraph; vis-network 9 would show
// a string title as plain text, so hand it an element instead.
function sgElement(markup) {
  var div = document.createElement("div");
  div.innerHTML = markup;
  return div;
}
function sgPrepare(nodes, edges) {
  [nodes, edges].forEach(function (set) {
    set.update(set.get().filter(function (item) { return typeof item.title === "string"; })
      .map(function (item) { return {id: item.id, title: sgElement(item.title)}; }));
  });
}
function sgShowDetails(markup) {
  var panel = document.getElementById("sg-details");
  var body = document.getElementById("sg-details-body");
  if (!markup) { panel.style.display = "none"; body.innerHTML = ""; return; }
  body.innerHTML = markup;
  panel.style.display = "block";
}
function sgAfter(network, nodes, edges) {
  var stats = document.getElementById("sg-stats");
  stats.setAttribute("data-nodes", String(network.body.data.nodes.length));
  stats.setAttribute("data-edges", String(network.body.data.edges.length));
  var controls = sgControls(network, nodes, edges, stats);
  var progress = document.getElementById("sg-progress");
  var frozen = false;
  network.on("stabilizationProgress", function (p) {
    if (!frozen) { progress.textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%"; }
  });
  function freeze(how) {
    if (frozen) { return; }
    frozen = true;
    progress.textContent = "";
    network.setOptions({physics: {enabled: false}});
    stats.setAttribute("data-stabilized", "1");
    stats.setAttribute("data-stabilized-by", how);
    setTimeout(function () { controls.runTestHook(location.hash); }, 0);
  }
  network.once("stabilizationIterationsDone", function () { freeze("iterations"); });
  network.once("stabilized", function () { freeze("stabilized"); });
  setTimeout(function () { freeze("timeout"); }, 20000);  // whatever happens, stop moving
  network.on("click", function (params) {
    var markup = null;
    if (params.nodes.length) { markup = (sgDetails.nodes[params.nodes[0]] || null); }
    else if (params.edges.length) { markup = (sgDetails.edges[params.edges[0]] || null); }
    sgShowDetails(markup);
  });
}

// A colour mixed with white: how dimmed nodes and arrows look.
function sgFade(colour) {
  if (colour && typeof colour === "object") {
    var out = {};
    Object.keys(colour).forEach(function (k) { out[k] = sgFade(colour[k]); });
    return out;
  }
  var m = /^#([0-9a-f]{6})$/i.exec(typeof colour === "string" ? colour : "");
  if (!m) { return colour; }
  var value = parseInt(m[1], 16), hex = "#";
  [16, 8, 0].forEach(function (shift) {
    var c = (value >> shift) & 255;
    c = Math.round(c + (255 - c) * 0.82);
    hex += (c < 16 ? "0" : "") + c.toString(16);
  });
  return hex;
}

function sgControls(network, nodes, edges, stats) {
  var host = document.getElementById("sg-controls");
  var node = {}, edge = {}, nodeIds = [], edgeIds = [];
  var partsOf = {}, stancesOn = {}, stancesBy = {};
  function push(map, key, value) { (map[key] = map[key] || []).push(value); }
  nodes.get().forEach(function (n) {
    var names = (n.sgNames && n.sgNames.length ? n.sgNames : [n.label]).map(function (s) {
      return String(s == null ? "" : s).toLowerCase();
    });
    node[n.id] = {label: String(n.label == null ? n.id : n.label), names: names,
                  proposal: n.sgKind === "proposal", colour: n.color, font: n.font || {},
                  hidden: false, dim: false};
    nodeIds.push(n.id);
  });
  edges.get().forEach(function (e) {
    var pol = e.sgPolarity || "partof";
    edge[e.id] = {from: e.from, to: e.to, polarity: pol, colour: e.color, hidden: false, dim: false};
    edgeIds.push(e.id);
    if (pol === "partof") { push(partsOf, e.to, e.id); }
    else { push(stancesOn, e.to, e.id); push(stancesBy, e.from, e.id); }
  });
  function byLabel(a, b) {
    var x = node[a].label.toLowerCase(), y = node[b].label.toLowerCase();
    return x < y ? -1 : x > y ? 1 : (a < b ? -1 : a > b ? 1 : 0);
  }
  nodeIds.sort(byLabel);

  // --- the controls: plain DOM, data only through textContent and value
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function group(title) {
    var g = el("span", {"class": "sg-group", "role": "group", "aria-label": title});
    host.appendChild(g);
    return g;
  }
  var g = group("search");
  var search = el("input", {id: "sg-search", type: "search", autocomplete: "off", spellcheck: "false",
                            placeholder: "find a name (Enter: next)", "aria-label": "find a name"});
  var count = el("span", {id: "sg-search-count", "aria-live": "polite"}, "");
  g.appendChild(search);
  g.appendChild(count);

  g = group("polarity");
  var checks = {};
  sgConfig.polarities.forEach(function (p) {
    var label = el("label", {title: "show arrows: " + p.verb});
    var box = el("input", {id: "sg-pol-" + p.key, type: "checkbox"});
    box.checked = true;
    var swatch = el("span", {"class": "sg-line"});
    swatch.style.borderTopColor = p.colour;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(p.verb));
    g.appendChild(label);
    checks[p.key] = box;
  });

  function menu(id, all, ids, title) {
    var select = el("select", {id: id, "aria-label": title, title: title});
    var first = el("option", {}, all);
    first.value = "";
    select.appendChild(first);
    ids.forEach(function (id2) {
      var o = el("option", {}, node[id2].label);
      o.value = id2;
      select.appendChild(o);
    });
    return select;
  }
  g = group("neighbourhood");
  var proposalMenu = menu("sg-proposal", "all proposals",
                          nodeIds.filter(function (id) { return node[id].proposal; }),
                          "show one proposal, its parts and who holds a stance on them");
  var actorMenu = menu("sg-actor", "all actors",
                       nodeIds.filter(function (id) { return !node[id].proposal; }),
                       "show one actor and the proposals it holds a stance on");
  g.appendChild(proposalMenu);
  g.appendChild(actorMenu);
  var reset = el("button", {id: "sg-reset", type: "button", title: "clear the search and every filter"}, "reset");
  group("reset").appendChild(reset);

  // --- state -> the graph
  var matches = [], current = -1, fitTimer = null;
  function shownPolarities() {
    var on = {partof: true};
    Object.keys(checks).forEach(function (k) { on[k] = checks[k].checked; });
    return on;
  }
  function proposalHood(id, on) {  // the proposal, its parts, their holders
    var keep = {}, todo = [id];
    keep[id] = true;
    while (todo.length) {
      (partsOf[todo.pop()] || []).forEach(function (eid) {
        var part = edge[eid].from;
        if (!keep[part]) { keep[part] = true; todo.push(part); }
      });
    }
    Object.keys(keep).forEach(function (p) {
      (stancesOn[p] || []).forEach(function (eid) {
        if (on[edge[eid].polarity]) { keep[edge[eid].from] = true; }
      });
    });
    return keep;
  }
  function actorHood(id, on) {  // the actor and what it holds a stance on
    var keep = {};
    keep[id] = true;
    (stancesBy[id] || []).forEach(function (eid) {
      if (on[edge[eid].polarity]) { keep[edge[eid].to] = true; }
    });
    return keep;
  }
  function setAttr(name, value) { stats.setAttribute(name, String(value)); }
  function apply(keepCurrent) {
    var was = keepCurrent && current >= 0 ? matches[current] : null;
    var on = shownPolarities();
    var sets = [];
    if (proposalMenu.value && node[proposalMenu.value]) { sets.push(proposalHood(proposalMenu.value, on)); }
    if (actorMenu.value && node[actorMenu.value]) { sets.push(actorHood(actorMenu.value, on)); }
    var query = search.value.replace(/\s+/g, " ").trim().toLowerCase();
    var visible = {}, matched = {}, nodeUpdates = [], edgeUpdates = [];
    var shownNodes = 0, shownEdges = 0, dimNodes = 0, dimEdges = 0;
    matches = [];
    nodeIds.forEach(function (id) {
      var show = sets.every(function (s) { return s[id] === true; });
      visible[id] = show;
      if (show && query && node[id].names.some(function (n) { return n.indexOf(query) !== -1; })) {
        matched[id] = true;
        matches.push(id);
      }
    });
    nodeIds.forEach(function (id) {
      var n = node[id], hidden = !visible[id], dim = !hidden && query !== "" && !matched[id];
      if (!hidden) { shownNodes += 1; }
      if (dim) { dimNodes += 1; }
      if (hidden !== n.hidden || dim !== n.dim) {
        var change = {id: id, hidden: hidden};
        if (dim !== n.dim) {
          change.color = dim ? sgFade(n.colour) : n.colour;
          change.font = {color: dim ? "#c4c4c4" : (n.font.color || "#212121")};
        }
        nodeUpdates.push(change);
        n.hidden = hidden;
        n.dim = dim;
      }
    });
    edgeIds.forEach(function (id) {
      var e = edge[id];
      var hidden = !(on[e.polarity] && visible[e.from] && visible[e.to]);
      var dim = !hidden && query !== "" && !(matched[e.from] || matched[e.to]);
      if (!hidden) { shownEdges += 1; }
      if (dim) { dimEdges += 1; }
      if (hidden !== e.hidden || dim !== e.dim) {
        var change = {id: id, hidden: hidden};
        if (dim !== e.dim) { change.color = dim ? sgFade(e.colour) : e.colour; }
        edgeUpdates.push(change);
        e.hidden = hidden;
        e.dim = dim;
      }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (matches.length) { network.selectNodes(matches, false); } else { network.unselectAll(); }
    current = was === null ? -1 : matches.indexOf(was);

    setAttr("data-shown-nodes", shownNodes);
    setAttr("data-shown-edges", shownEdges);
    setAttr("data-dimmed-nodes", dimNodes);
    setAttr("data-dimmed-edges", dimEdges);
    setAttr("data-matches", matches.length);
    setAttr("data-selected", network.getSelectedNodes().length);
    showCurrent();
    stats.textContent = (shownNodes === nodeIds.length && shownEdges === edgeIds.length)
      ? nodeIds.length + " nodes, " + edgeIds.length + " arrows"
      : "showing " + shownNodes + " of " + nodeIds.length + " nodes, " +
        shownEdges + " of " + edgeIds.length + " arrows";
    return {query: query, sets: sets.length};
  }
  function showCurrent() {
    setAttr("data-match", current + 1);
    setAttr("data-focused", current >= 0 ? node[matches[current]].label : "");
    if (!search.value.trim()) { count.textContent = ""; }
    else if (!matches.length) { count.textContent = "no match"; }
    else if (current < 0) { count.textContent = matches.length + (matches.length === 1 ? " match" : " matches"); }
    else { count.textContent = (current + 1) + " / " + matches.length + ": " + node[matches[current]].label; }
    count.title = count.textContent;
  }
  function fitLater(ids) {  // move the view after the user stops typing
    clearTimeout(fitTimer);
    fitTimer = setTimeout(function () {
      var shown = ids.filter(function (id) { return !node[id].hidden; });
      if (shown.length) {
        network.fit({nodes: shown, maxZoomLevel: 1.2, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
      }
    }, 250);
  }
  function visibleIds() { return nodeIds.filter(function (id) { return !node[id].hidden; }); }
  function step(by) {
    if (!matches.length) { return; }
    clearTimeout(fitTimer);
    current = current < 0 ? (by > 0 ? 0 : matches.length - 1)
                          : (current + by + matches.length) % matches.length;
    network.focus(matches[current], {scale: Math.max(network.getScale(), 1.0),
                                     animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    showCurrent();
  }
  search.addEventListener("input", function () {
    var state = apply();
    fitLater(state.query ? matches : visibleIds());
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
    else if (event.key === "Escape") { search.value = ""; apply(); fitLater(visibleIds()); }
  });
  Object.keys(checks).forEach(function (k) {
    checks[k].addEventListener("change", function () { apply(true); });
  });
  [proposalMenu, actorMenu].forEach(function (select) {
    select.addEventListener("change", function () { apply(true); fitLater(visibleIds()); });
  });
  reset.addEventListener("click", function () {
    search.value = "";
    Object.keys(checks).forEach(function (k) { checks[k].checked = true; });
    proposalMenu.value = "";
    actorMenu.value = "";
    apply();
    sgShowDetails(null);
    fitLater(visibleIds());
  });
  apply();

  // --- the test hook: replay actions from the URL fragment through the controls
  function choose(select, text) {
    var want = text.replace(/\s+/g, " ").trim().toLowerCase(), hit = null;
    if (!want) { select.value = ""; return true; }
    var options = Array.prototype.slice.call(select.options, 1);
    options.forEach(function (o) { if (!hit && o.textContent.toLowerCase() === want) { hit = o; } });
    options.forEach(function (o) { if (!hit && o.textContent.toLowerCase().indexOf(want) !== -1) { hit = o; } });
    if (!hit) { return false; }
    select.value = hit.value;
    return true;
  }
  function snapshot(action) {  // what #sg-stats and the match counter say now
    var out = {action: action, count: count.textContent, text: stats.textContent};
    Array.prototype.forEach.call(stats.attributes, function (a) {
      if (a.name.indexOf("data-") === 0 && a.name !== "data-test-steps") { out[a.name.slice(5)] = a.value; }
    });
    return out;
  }
  function runTestHook(hash) {
    var m = /^#sg-test=(.*)$/.exec(hash || "");
    if (!m) { return; }
    var steps = [];
    try {
      m[1].split(";").forEach(function (raw) {
        if (!raw) { return; }
        var cut = raw.indexOf(":");
        var name = decodeURIComponent(cut < 0 ? raw : raw.slice(0, cut)).trim();
        var arg = cut < 0 ? "" : decodeURIComponent(raw.slice(cut + 1));
        if (name === "search") {
          search.value = arg;
          search.dispatchEvent(new Event("input", {bubbles: true}));
        } else if (name === "enter" || name === "shift-enter") {
          search.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", shiftKey: name === "shift-enter",
                                                             bubbles: true, cancelable: true}));
        } else if (name === "polarity") {
          var box = checks[arg.replace(/^[-+]/, "")];
          if (!box) { throw new Error("no polarity " + arg); }
          box.checked = arg.charAt(0) !== "-";
          box.dispatchEvent(new Event("change", {bubbles: true}));
        } else if (name === "proposal" || name === "actor") {
          var select = name === "proposal" ? proposalMenu : actorMenu;
          if (!choose(select, arg)) { throw new Error("no " + name + " " + arg); }
          select.dispatchEvent(new Event("change", {bubbles: true}));
        } else if (name === "reset") {
          reset.click();
        } else {
          throw new Error("unknown action " + name);
        }
        steps.push(snapshot(cut < 0 ? name : name + ":" + arg));
      });
      setAttr("data-test", "done");
    } catch (err) {
      setAttr("data-test", "error: " + err.message);
    }
    setAttr("data-test-steps", JSON.stringify(steps));
  }
  return {runTestHook: runTestHook, apply: apply};
}
