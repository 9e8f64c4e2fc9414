/* Progress Journal page script. Every page works without it; with it, entries are kept on the
 * phone when the network is gone (see outbox.js), and a new version is offered, not forced. */
(function () {
  "use strict";

  var outbox = self.JournalOutbox;
  var messages = readMessages();
  var FLUSH_EVERY_MS = 30000;
  var flushing = null;
  var shownWaiting = [];  // the ids of the entries this page shows as waiting to sync
  var syncedUntold = 0;  // how many of them have synced since the page last said so

  function readMessages() {
    var node = document.getElementById("journal-messages");
    return node ? JSON.parse(node.textContent) : {};
  }

  function plural(forms, n) {
    return (n === 1 ? forms[0] : forms[1]).replace("{n}", n);
  }

  // The logged-in user comes from the page; the quick page (cached, no user data) remembers it.
  function currentUser() {
    var meta = document.querySelector("meta[name='journal-user']");
    if (meta) {
      var user = { id: meta.content, timezone: meta.getAttribute("data-timezone") };
      localStorage.setItem("journal-user", JSON.stringify(user));
      return user;
    }
    if (document.body.hasAttribute("data-anonymous")) {
      localStorage.removeItem("journal-user");
      forgetReplyDrafts();
      return null;
    }
    try { return JSON.parse(localStorage.getItem("journal-user")); } catch (e) { return null; }
  }

  // A manager's unsent replies (shared/show) are kept on the device while logged in; after
  // logging out (a shared computer) they go.
  function forgetReplyDrafts() {
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("reply-draft:") === 0) localStorage.removeItem(key);
    });
  }

  function localDay(timezone) {
    var options = { year: "numeric", month: "2-digit", day: "2-digit" };
    try { options.timeZone = timezone || undefined; return new Intl.DateTimeFormat("en-CA", options).format(new Date()); }
    catch (e) { delete options.timeZone; return new Intl.DateTimeFormat("en-CA", options).format(new Date()); }
  }

  // A waiting entry's day as the timeline names it: today, yesterday, or "Monday 30 November
  // 2026" in the page's language (the names from the browser, the order of journal/i18n.py's
  // DATE_FORMATS["full"], which is the same in English and Dutch).
  function dayLabel(iso, timezone) {
    var today = localDay(timezone);
    var yesterday = new Date(Date.parse(today + "T00:00:00Z") - 86400000).toISOString().slice(0, 10);
    if (iso === today) return messages.today;
    if (iso === yesterday) return messages.yesterday;
    var day = new Date(iso + "T00:00:00Z");
    if (isNaN(day)) return iso;
    var names = {};
    new Intl.DateTimeFormat(document.documentElement.lang, { weekday: "long", day: "numeric",
      month: "long", year: "numeric", timeZone: "UTC" }).formatToParts(day)
      .forEach(function (part) { names[part.type] = part.value; });
    return [names.weekday, names.day, names.month, names.year].join(" ");
  }

  function newId() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- status line -------------------------------------------------------------------------

  // kind "sync" marks messages about the outbox, which a later sync may clear.
  function showStatus(text, loginLink, kind) {
    var node = document.getElementById("outbox-status");
    if (!node) return;
    node.dataset.kind = kind || "info";
    node.textContent = text;
    if (loginLink) {
      var link = document.createElement("a");
      link.href = "/login?next=" + encodeURIComponent(location.pathname);
      link.textContent = messages.log_in;
      node.appendChild(document.createTextNode(" "));
      node.appendChild(link);
    }
    node.hidden = !text;
  }

  // Entries the page showed as waiting say where they went once they have synced, sent by the
  // page or by the service worker; the words stay until there is something new to say.
  function tellSynced() {
    if (!syncedUntold) return false;
    showStatus(plural(messages.synced, syncedUntold), false, "synced");
    syncedUntold = 0;
    return true;
  }

  function describe(result) {
    if (result.status === "unauthorized") return showStatus(messages.login_again, true, "sync");
    if (result.waiting) {
      syncedUntold = 0;  // what still waits matters more than what has gone
      return showStatus(plural(messages.waiting, result.waiting), false, "sync");
    }
    if (tellSynced()) return;
    var node = document.getElementById("outbox-status");
    if (node && node.dataset.kind === "sync") showStatus("");
  }

  // --- syncing -----------------------------------------------------------------------------

  function flush(user) {
    if (!user || !outbox) return Promise.resolve(null);
    if (!flushing) {
      flushing = outbox.flush(user.id).then(function (result) {
        flushing = null;
        return renderWaiting(user).then(function () {
          describe(result);
          return result;
        });
      }, function () { flushing = null; return null; });
    }
    return flushing;
  }

  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register(outbox.SYNC_TAG);
    }).catch(function () { /* Background Sync is optional; the page flushes too. */ });
  }

  function startSyncing(user) {
    flush(user);
    window.addEventListener("online", function () { flush(user); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") flush(user);
    });
    setInterval(function () { flush(user); }, FLUSH_EVERY_MS);
  }

  // --- the entry form ----------------------------------------------------------------------

  function entryFromForm(form, user) {
    var data = new FormData(form);
    var body = { id: newId(), text: (data.get("text") || "").trim(),
                 day: data.get("day") || localDay(user.timezone) };
    ["kind", "helped", "hindered", "learned", "try_next", "goal_id"].forEach(function (name) {
      if (data.get(name)) body[name] = data.get(name);
    });
    if (data.get("meaning")) body.meaning = Number(data.get("meaning"));
    if (data.get("tags")) body.tags = data.get("tags").split(",");
    return body;
  }

  function showFieldErrors(form, fields) {
    form.querySelectorAll(".error.js-error").forEach(function (node) { node.remove(); });
    Object.keys(fields || {}).forEach(function (name) {
      var input = form.querySelector("[name='" + name + "']");
      if (!input) return;
      var note = document.createElement("p");
      note.className = "error js-error";
      note.id = name + "-error";
      note.textContent = fields[name];
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", note.id);
      (input.closest(".field") || input.closest("fieldset") || input.parentNode).appendChild(note);
    });
    var first = form.querySelector("[aria-invalid='true']");
    if (first) first.focus();
  }

  function checkLocally(body) {
    // The server says its limit on the page; without one, only the server checks the length.
    var limit = Number(document.body.dataset.textLimit);
    if (!body.text) return { text: messages.text_required };
    if (limit && body.text.length > limit) return { text: messages.text_too_long };
    return null;
  }

  function saveEntry(form, user) {
    var body = entryFromForm(form, user);
    var problems = checkLocally(body);
    if (problems) return showFieldErrors(form, problems);
    outbox.add(user.id, body).then(function () {
      askForBackgroundSync();
      return outbox.flush(user.id);
    }).then(function (result) {
      var error = result.errors[body.id];
      if (error) {
        return outbox.remove(body.id).then(function () { showFieldErrors(form, error.fields); });
      }
      if (result.status === "ok" && form.hasAttribute("data-reload")) {
        sessionStorage.setItem("journal-flash", messages.saved);
        return location.assign("/");
      }
      form.reset();
      showFieldErrors(form, {});
      if (result.status === "ok") showStatus(messages.saved);
      else if (result.status === "unauthorized") showStatus(messages.login_again, true, "sync");
      else showStatus(messages.saved_offline + " " + plural(messages.waiting, result.waiting), false, "sync");
      if (result.status !== "ok") shownWaiting.push(body.id);  // even if the worker sends it first
      renderWaiting(user).then(tellSynced);
    });
  }

  function enhanceEntryForm(user) {
    var form = document.querySelector("form[data-offline]");
    if (!form || !outbox) return;
    if (!user) {
      showStatus(messages.no_user);
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveEntry(form, user);
    });
  }

  // --- entries still waiting, shown on the timeline and the offline pages ------------------

  // Contract: shows the user's waiting entries; counts those shown before that have left the
  // queue since (synced) in syncedUntold.
  function renderWaiting(user) {
    var list = document.getElementById("waiting-entries");
    if (!list || !outbox || !user) return Promise.resolve(0);
    return outbox.pending(user.id).then(function (records) {
      var ids = records.map(function (record) { return record.id; });
      syncedUntold += shownWaiting.filter(function (id) { return ids.indexOf(id) < 0; }).length;
      shownWaiting = records.filter(function (record) { return !record.error; })
        .map(function (record) { return record.id; });
      list.textContent = "";
      list.hidden = !records.length;
      records.slice().reverse().forEach(function (record) {
        var card = document.createElement("article");
        card.className = "entry waiting";
        var badge = document.createElement("p");
        badge.className = record.error ? "badge unsynced problem" : "badge unsynced";
        badge.textContent = record.error ? messages.not_saved : messages.not_synced;
        var text = document.createElement("p");
        text.className = "entry-text";
        text.textContent = record.body.text;
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = record.error || dayLabel(record.body.day, user.timezone);
        card.appendChild(badge); card.appendChild(text); card.appendChild(meta);
        list.appendChild(card);
      });
    });
  }

  // --- logging out with entries waiting ----------------------------------------------------

  function guardLogout(user) {
    var form = document.querySelector("form.logout-form");
    if (!form || !outbox || !user) return;
    form.addEventListener("submit", function (event) {
      if (form.dataset.confirmed) return;
      event.preventDefault();
      flush(user).then(function (result) {
        var waiting = result ? result.waiting : 0;
        if (!waiting || window.confirm(plural(messages.logout_waiting, waiting))) {
          var done = waiting ? Promise.resolve() : outbox.clearUser(user.id);
          done.then(function () { form.dataset.confirmed = "1"; form.submit(); });
        }
      });
    });
  }

  // --- the service worker and new versions -------------------------------------------------

  function offerUpdate(worker) {
    var banner = document.getElementById("update-banner");
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("button").addEventListener("click", function () {
      sessionStorage.setItem("journal-reloading", "1");
      worker.postMessage({ type: "SKIP_WAITING" });
    });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (sessionStorage.getItem("journal-reloading")) {
        sessionStorage.removeItem("journal-reloading");
        location.reload();
      }
    });
    navigator.serviceWorker.register("/sw.js").then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
      registration.addEventListener("updatefound", function () {
        var incoming = registration.installing;
        incoming.addEventListener("statechange", function () {
          if (incoming.state === "installed" && navigator.serviceWorker.controller) offerUpdate(incoming);
        });
      });
    });
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  }

  // --- small things ------------------------------------------------------------------------

  function fillDetectedTimezone() {
    var select = document.querySelector("select[name='timezone'][data-detect]");
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!select || !zone) return;
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (known) select.value = zone;
  }

  // The company sign-in makes the account on the way back: it takes the device's time zone along.
  function addTimezoneToLinks() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    document.querySelectorAll("a[data-add-timezone]").forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("timezone", zone);
      link.href = url.toString();
    });
  }

  function showStoredFlash() {
    var text = sessionStorage.getItem("journal-flash");
    if (!text) return;
    sessionStorage.removeItem("journal-flash");
    showStatus(text);
  }

  function focusFromShortcut() {
    if (new URLSearchParams(location.search).get("focus") !== "text") return;
    var field = document.querySelector("textarea[name='text']");
    if (field) field.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var user = currentUser();
    fillDetectedTimezone();
    addTimezoneToLinks();
    registerWorker();
    showStoredFlash();
    focusFromShortcut();
    enhanceEntryForm(user);
    guardLogout(user);
    renderWaiting(user);
    if (user && outbox) startSyncing(user);
  });
})();
