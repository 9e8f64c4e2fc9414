/* Notifications on this device. Permission is asked only when the person taps "Turn on
 * notifications on this device": a reminder is an invitation they chose, never a surprise.
 * On every page the current subscription is sent again, because a push service may replace
 * or expire it quietly (Chrome starts answering 410 without a pushsubscriptionchange event).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var READY_TIMEOUT_MS = 10000;
  // A browser that cannot reach its push service may never answer subscribe(): give up and say so.
  var SUBSCRIBE_TIMEOUT_MS = 30000;
  // Read by the service worker (sw.js) when a push arrives without a readable payload.
  var WORDS_CACHE = "journal-notification-words";
  var WORDS_URL = "/notification-words";
  // localStorage key prefix for the device this browser registered, per user.
  var KEPT = "journal-push:";

  function userId() {
    var meta = document.querySelector("meta[name='journal-user']");
    return meta ? meta.content : null;
  }

  function csrfToken() {
    return document.querySelector("meta[name='csrf-token']").content;
  }

  function show(id, visible) {
    var node = document.getElementById(id);
    if (node) node.hidden = visible === false;
  }

  function isIos() {
    // iPadOS reports itself as a Mac; only touch tells them apart.
    return /iPad|iPhone|iPod/.test(navigator.userAgent) ||
      (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  }

  /** Why push cannot work here (the id of the hint that says what to do), or null. */
  function blocker() {
    // iOS offers push only to an app opened from the Home Screen.
    if (isIos() && navigator.standalone !== true) return "push-hint-ios";
    if (!("serviceWorker" in navigator) || !("PushManager" in window) ||
        !("Notification" in window)) return "push-hint-unsupported";
    if (Notification.permission === "denied") return "push-hint-blocked";
    return null;
  }

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise(function (resolve, reject) {
      setTimeout(function () { reject(new Error("timeout")); }, ms);
    })]);
  }

  function json(response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }

  /** The server's key (base64url) as the bytes PushManager.subscribe() takes. */
  function base64UrlToBytes(text) {
    var base64 = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  // The device this browser registered for this user, {id, endpoint}. Kept per user, so a
  // removal sticks: a device the user removed (here or elsewhere) is not quietly sent again.
  function remembered(user) {
    try { return JSON.parse(localStorage.getItem(KEPT + user)); } catch (e) { return null; }
  }

  function remember(user, id, subscription) {
    localStorage.setItem(KEPT + user, JSON.stringify({ id: id, endpoint: subscription.endpoint }));
  }

  /** Store the subscription on the server (201 new, 200 known); resolves to the device. */
  function send(user, subscription) {
    return fetch("/api/v1/push/subscriptions", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(subscription.toJSON())
    }).then(json).then(function (device) {
      remember(user, device.id, subscription);
      return device;
    });
  }

  function stillListed(id) {
    return fetch("/api/v1/push/subscriptions", { credentials: "same-origin" }).then(json)
      .then(function (body) {
        return body.items.some(function (item) { return item.id === id; });
      });
  }

  // The worker has no translations of its own: give it this user's generic words.
  function rememberFallbackWords() {
    if (!("caches" in window) || !script) return Promise.resolve();
    var words = JSON.stringify({ title: script.dataset.fallbackTitle,
                                 body: script.dataset.fallbackBody });
    return caches.open(WORDS_CACHE).then(function (cache) {
      var headers = { "Content-Type": "application/json" };
      return cache.put(WORDS_URL, new Response(words, { headers: headers }));
    }).catch(function () { /* only the rare payload-less push loses its translation */ });
  }

  /** Send this device's subscription again. Resolves to {state: "on", id} when it gets
   * notifications for the user, else {state: "off"} (also when the user removed it). */
  function refresh(user) {
    var off = { state: "off" };
    if (blocker() || Notification.permission !== "granted") return Promise.resolve(off);
    return withTimeout(navigator.serviceWorker.ready, READY_TIMEOUT_MS).then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return off;
      var mine = remembered(user);
      var check = mine && mine.endpoint === subscription.endpoint
        ? stillListed(mine.id) : Promise.resolve(true);
      return check.then(function (listed) {
        if (!listed) return off;
        return send(user, subscription).then(function (device) {
          return rememberFallbackWords().then(function () { return { state: "on", id: device.id }; });
        });
      });
    }).catch(function () { return off; });
  }

  /** A fresh subscription with the server's key. */
  function subscribe() {
    var registration, key;
    return withTimeout(navigator.serviceWorker.ready, READY_TIMEOUT_MS).then(function (ready) {
      registration = ready;
      return fetch("/api/v1/push/key", { credentials: "same-origin" }).then(json);
    }).then(function (body) {
      key = base64UrlToBytes(body.public_key);
      return registration.pushManager.getSubscription();
    }).then(function (old) {
      // After an explicit tap, start afresh: an old subscription may be dead at the push
      // service even though the browser still holds it.
      return old && old.unsubscribe();
    }).then(function () {
      return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    });
  }

  function enable(user, button) {
    ["push-failed", "push-dismissed"].forEach(function (id) { show(id, false); });
    show("push-working");
    button.disabled = true;
    // Asked right here, inside the tap: iOS and Chrome allow the prompt only from a gesture.
    Promise.resolve(Notification.requestPermission()).then(function (permission) {
      if (permission === "denied") {
        show("push-offer", false);
        return show("push-hint-blocked");
      }
      if (permission !== "granted") return show("push-dismissed");
      return withTimeout(subscribe(), SUBSCRIBE_TIMEOUT_MS)
        .then(function (subscription) { return send(user, subscription); })
        .then(function () { location.reload(); });
    }).catch(function (error) {
      // No push service reachable, or the server refused: say so rather than fail silently.
      if (window.console) console.warn("Notifications could not be turned on:", error);
      show("push-failed");
    }).then(function () {
      show("push-working", false);
      button.disabled = false;
    });
  }

  /** The notifications page: show what applies to this device. */
  function wirePage(user, device) {
    var button = document.getElementById("push-enable");
    if (!button) return;
    var hint = blocker();
    if (hint) return show(hint);
    if (device.state === "on") {
      show("push-on");
      var row = document.querySelector("[data-device-id='" + device.id + "'] .this-device");
      if (row) row.hidden = false;
      return;
    }
    show("push-offer");
    button.addEventListener("click", function () { enable(user, button); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var user = userId();
    if (!user) return;  // the cached quick page holds no user
    refresh(user).then(function (device) { wirePage(user, device); });
  });
})();
