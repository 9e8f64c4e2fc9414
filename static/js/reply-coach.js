/* Coaching while a manager types a reply (templates/shared/show.html). The page carries the same
 * patterns journal/shared/praise.py uses after sending, the tips' words and a rewrite built on
 * the employee's own highlight (#reply-coach). As the reply is typed, trait praise ("you are so
 * talented") or a consoling remark ("not everyone can be good at this") brings a tip and a
 * sentence to use instead, before the employee can read anything. The reply is sent only by its
 * own button; until then it is a draft kept on this device (localStorage), never on the server.
 * Without JavaScript the hint still comes, after sending. */
(function () {
  "use strict";

  var KINDS = ["trait_praise", "consoling"];
  var WAIT_MS = 250;

  function readCoach() {
    var node = document.getElementById("reply-coach");
    if (!node) return null;
    var coach = JSON.parse(node.textContent);
    coach.compiled = {};
    KINDS.forEach(function (kind) {
      coach.compiled[kind] = coach.patterns[kind].map(function (source) {
        return new RegExp(source, "gi");
      });
    });
    return coach;
  }

  // As praise._phrases: every match, overlapping ones merged, in the order they occur.
  function spans(text, patterns) {
    var found = [];
    patterns.forEach(function (pattern) {
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        if (!match[0].length) { pattern.lastIndex += 1; continue; }
        if (match[0].trim()) found.push([match.index, match.index + match[0].length]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    found.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    });
    return merged;
  }

  function phrase(text, span) {
    return text.slice(span[0], span[1]).split(/\s+/).filter(Boolean).join(" ");
  }

  // The sentence a phrase stands in, so a suggestion replaces it whole.
  function sentence(text, span) {
    var start = span[0];
    var end = span[1];
    while (start > 0 && !/[.!?\n]/.test(text.charAt(start - 1))) start -= 1;
    while (start < span[0] && /\s/.test(text.charAt(start))) start += 1;
    while (end < text.length && !/[.!?\n]/.test(text.charAt(end))) end += 1;
    while (end < text.length && /[.!?]/.test(text.charAt(end))) end += 1;
    return [start, end];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function tip(coach, kind, found, field) {
    var text = field.value;
    var box = element("div", "praise-coach-tip");
    var words = found.map(function (span) { return phrase(text, span); }).join("”, “");
    box.appendChild(element("p", null, coach.tips[kind].replace("{phrases}", words)));
    box.appendChild(element("p", "meta", coach.words.suggest));
    box.appendChild(element("blockquote", "praise-suggestion", coach.suggestions[kind]));
    var use = element("button", "praise-use", coach.words.use);
    use.type = "button";
    use.addEventListener("click", function () {
      var current = field.value;
      var first = spans(current, coach.compiled[kind])[0];
      if (!first) return;
      var around = sentence(current, first);
      field.value = current.slice(0, around[0]) + coach.suggestions[kind] + current.slice(around[1]);
      field.focus();
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    box.appendChild(use);
    return box;
  }

  // Only unsent words are coached; a reply already sent had its hint when it was sent.
  function check(coach, field, box, state) {
    var text = field.value;
    var unsent = text.trim() !== field.getAttribute("data-sent").trim();
    var found = {};
    KINDS.forEach(function (kind) { found[kind] = unsent ? spans(text, coach.compiled[kind]) : []; });
    var key = JSON.stringify(KINDS.map(function (kind) {
      return found[kind].map(function (span) { return phrase(text, span); });
    }));
    if (key === state.shown) return;  // unchanged: nothing new to announce
    state.shown = key;
    box.textContent = "";
    KINDS.forEach(function (kind) {
      if (found[kind].length) box.appendChild(tip(coach, kind, found[kind], field));
    });
  }

  function storage() {
    try { return self.localStorage; } catch (e) { return null; }
  }

  // A draft remembers which sent reply it grew from: when another device sent a newer one, the
  // draft is stale and goes.
  function restoreDraft(field) {
    var store = storage();
    var key = field.getAttribute("data-draft-key");
    var sent = field.getAttribute("data-sent");
    if (!store) return;
    var draft = null;
    try { draft = JSON.parse(store.getItem(key)); } catch (e) { draft = null; }
    if (!draft || draft.base !== sent || typeof draft.text !== "string") {
      store.removeItem(key);
    } else if (field.value.trim() === sent.trim() && draft.text.trim() !== sent.trim()) {
      field.value = draft.text;
    }
  }

  function keepDraft(field) {
    var store = storage();
    if (!store) return;
    var key = field.getAttribute("data-draft-key");
    var sent = field.getAttribute("data-sent");
    try {
      if (field.value.trim() === sent.trim()) store.removeItem(key);
      else store.setItem(key, JSON.stringify({ base: sent, text: field.value }));
    } catch (e) { /* a full or blocked storage keeps no draft; the page still works */ }
  }

  function showDraftNote(field, note) {
    note.hidden = field.value.trim() === field.getAttribute("data-sent").trim();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var field = document.getElementById("reply");
    var coach = readCoach();
    if (!field || !coach) return;
    var box = document.querySelector("[data-coach]");
    var note = document.querySelector("[data-draft-note]");
    var state = { shown: null, timer: null };
    restoreDraft(field);
    showDraftNote(field, note);
    check(coach, field, box, state);
    field.addEventListener("input", function () {
      keepDraft(field);
      showDraftNote(field, note);
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { check(coach, field, box, state); }, WAIT_MS);
    });
  });
})();
