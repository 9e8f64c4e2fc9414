/* The team circle's board stays fresh for everyone (templates/teams/circle_board.html).
 *
 * While the page is visible it asks the API every few seconds whether any note changed
 * (If-None-Match with the board's version: 304 when nothing did), and when something did it
 * fetches both rings as HTML (/teams/<team_id>/circle/notes) and redraws only the notes that
 * changed. A note someone is typing in is left alone until they are done; a button or field with
 * focus that is redrawn hands the focus to its new self.
 * The board's forms are sent in the background and the board redrawn from the answer; without
 * this script they are plain forms that reload the page.
 */
(function () {
  "use strict";

  const POLL_MS = 4000;
  const board = document.querySelector("[data-circle-board]");
  if (!board || !window.fetch || !window.DOMParser) return;

  let timer = null;
  let polling = false;

  // Contract: the rings element now on the page.
  function rings() {
    return board.querySelector("#circle-rings");
  }

  // Contract: true while the person has typed something in this note and not sent it yet.
  function busy(node) {
    return Array.from(node.querySelectorAll("input:not([type=hidden]), textarea"))
      .some((field) => field.value !== field.defaultValue);
  }

  // Contract: what was unfolded in the old note stays unfolded in the new one.
  function keepOpen(old, fresh) {
    const before = old.querySelectorAll("details");
    fresh.querySelectorAll("details").forEach((details, index) => {
      if (before[index] && before[index].open) details.open = true;
    });
  }

  // Contract: the list holds `wanted` in order, leaving busy notes where they are; returns
  // whether a busy note kept an older state (so the next poll redraws again).
  function arrange(list, wanted, force) {
    let kept = false;
    const keep = new Set();
    let position = 0;
    wanted.forEach((freshNode) => {
      const old = document.getElementById(freshNode.id);
      let node = freshNode;
      if (old && old.dataset.version === freshNode.dataset.version && old.parentNode === list) {
        node = old;
      } else if (old && old.id !== force && busy(old)) {
        kept = true;
        if (old.parentNode !== list) return;  // moved meanwhile: it stays until they are done
        node = old;
      } else if (old) {
        keepOpen(old, freshNode);
        if (old.parentNode) old.remove();
      }
      keep.add(node);
      const here = list.children[position];
      if (here !== node) list.insertBefore(node, here || null);
      position = Array.prototype.indexOf.call(list.children, node) + 1;
    });
    Array.from(list.children).forEach((node) => {
      if (keep.has(node)) return;
      if (node.id !== force && busy(node)) kept = true;
      else node.remove();
    });
    return kept;
  }

  // Contract: the board shows the fresh rings, except notes someone is busy in (or `force`,
  // the note just acted on, which is always redrawn).
  function patch(fresh, force) {
    const current = rings();
    if (!current || !fresh) return;
    const focused = document.activeElement && document.activeElement.closest("[data-key]");
    current.querySelector(".circle-head").replaceWith(
      document.importNode(fresh.querySelector(".circle-head"), true));
    let kept = false;
    ["outer", "inner"].forEach((ring) => {
      const list = current.querySelector("ol[data-ring='" + ring + "']");
      const wanted = Array.from(fresh.querySelectorAll("ol[data-ring='" + ring + "'] > li"))
        .map((node) => document.importNode(node, true));
      kept = arrange(list, wanted, force) || kept;
      current.querySelector("[data-empty='" + ring + "']").hidden = list.children.length > 0;
    });
    current.dataset.version = kept ? "" : fresh.dataset.version;
    if (focused && !focused.isConnected) focusAfter(focused.dataset.key, null);
  }

  function parse(text) {
    return new DOMParser().parseFromString(text, "text/html");
  }

  function announce(text) {
    const status = board.querySelector("[data-circle-status]");
    if (!status || !text) return;
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text.trim(); }, 50);
  }

  // Contract: fetches both rings and redraws what changed; false when the board is gone
  // (no longer a member, or logged out).
  async function redraw() {
    const response = await fetch(board.dataset.rings, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return response.status !== 404 && response.status !== 401;
    const before = rings() && rings().dataset.version;
    patch(parse(await response.text()).getElementById("circle-rings"));
    if (before) announce(board.querySelector("[data-circle-status]").dataset.updated);
    return true;
  }

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const version = rings() && rings().dataset.version;
      const headers = version ? { "If-None-Match": '"' + version + '"' } : {};
      const response = await fetch(board.dataset.poll, {
        credentials: "same-origin", cache: "no-store", headers: headers });
      if (response.status === 401 || response.status === 404) stop();
      else if (response.status === 200 && !(await redraw())) stop();
    } catch (error) {
      // Offline for a moment: the next poll tries again.
    } finally {
      polling = false;
    }
  }

  function start() {
    if (timer === null) timer = window.setInterval(poll, POLL_MS);
  }

  function stop() {
    window.clearInterval(timer);
    timer = null;
  }

  // Contract: the form is sent in the background and the board redrawn from the answer, with
  // focus back where it was; a refused or failed send falls back to the plain form, which
  // shows the message beside the field.
  async function send(event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.key) return;
    event.preventDefault();
    const key = form.dataset.key;
    const note = form.closest("[data-note]");
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin" });
    } catch (error) {
      form.submit();
      return;
    }
    const doc = response.ok ? parse(await response.text()) : null;
    const fresh = doc && doc.getElementById("circle-rings");
    if (!fresh) {
      form.submit();
      return;
    }
    form.reset();
    patch(fresh, note && note.id);
    const flash = doc.querySelector(".flash");
    if (flash) announce(flash.textContent);
    focusAfter(key, note);
  }

  function focusAfter(key, note) {
    const form = board.querySelector("[data-key='" + key + "']");
    const target = form && (form.querySelector("input:not([type=hidden])")
      || form.querySelector("button"));
    const fallback = note && document.getElementById(note.id);
    if (target) target.focus();
    else if (fallback) fallback.focus();
  }

  board.addEventListener("submit", send);
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      stop();
    } else {
      poll();
      start();
    }
  });
  if (!document.hidden) start();
})();
