/* Notifications on this device. Permission is asked only when the person taps "Turn on
 * notifications on this device": a reminder is an invitation they chose, never a surprise.
 * On every page the current subscription is sent again, because a push service may replace
 * or expire it quietly (Chrome starts answering 410 without a pushsubscriptionchange event).
 * Needs common.js first.
 */
(function () {
  "use strict";

  const common = self.JournalCommon;
  const script = document.currentScript;
  const READY_TIMEOUT_MS = 10000;
  // A browser that cannot reach its push service may never answer subscribe(): give up and say so.
  const SUBSCRIBE_TIMEOUT_MS = 30000;
  // localStorage key prefix for the device this browser registered, per user.
  const KEPT = "journal-push:";

  function userId() {
    const meta = document.querySelector("meta[name='journal-user']");
    return meta ? meta.content : null;
  }

  function csrfToken() {
    return document.querySelector("meta[name='csrf-token']").content;
  }

  function show(id, visible) {
    const node = document.getElementById(id);
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

  // Contract: the worker's registration, or a rejection when it is not ready in time.
  function ready() {
    return common.withTimeout(navigator.serviceWorker.ready, READY_TIMEOUT_MS);
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
  async function send(user, subscription) {
    const device = await common.okJson(await common.saveSubscription(subscription, csrfToken()));
    remember(user, device.id, subscription);
    return device;
  }

  // Contract: false only when the user removed the device this subscription was registered as.
  async function notRemoved(user, subscription) {
    const mine = remembered(user);
    if (!mine || mine.endpoint !== subscription.endpoint) return true;
    const response = await fetch(common.SUBSCRIPTIONS_URL, { credentials: "same-origin" });
    return (await common.okJson(response)).items.some((item) => item.id === mine.id);
  }

  // The worker has no translations of its own: give it this user's generic words.
  async function rememberFallbackWords() {
    if (!("caches" in window) || !script) return;
    const words = JSON.stringify({ title: script.dataset.fallbackTitle,
                                   body: script.dataset.fallbackBody });
    try {
      const cache = await caches.open(common.WORDS_CACHE);
      const headers = { "Content-Type": "application/json" };
      await cache.put(common.WORDS_URL, new Response(words, { headers: headers }));
    } catch (error) { /* only the rare payload-less push loses its translation */ }
  }

  /** Send this device's subscription again. Resolves to {state: "on", id} when it gets
   * notifications for the user, else {state: "off"} (also when the user removed it). */
  async function refresh(user) {
    const off = { state: "off" };
    if (blocker() || Notification.permission !== "granted") return off;
    try {
      const subscription = await (await ready()).pushManager.getSubscription();
      if (!subscription || !(await notRemoved(user, subscription))) return off;
      const device = await send(user, subscription);
      await rememberFallbackWords();
      return { state: "on", id: device.id };
    } catch (error) {
      return off;
    }
  }

  /** A fresh subscription with the server's key. */
  async function subscribe() {
    const registration = await ready();
    const key = await common.serverKey();
    const old = await registration.pushManager.getSubscription();
    // After an explicit tap, start afresh: an old subscription may be dead at the push
    // service even though the browser still holds it.
    if (old) await old.unsubscribe();
    return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }

  // Contract: asks permission; when granted, subscribes, tells the server and reloads the page,
  // else shows why not. Rejects when subscribing or telling the server fails.
  async function turnOn(user) {
    // Asked right here, inside the tap: iOS and Chrome allow the prompt only from a gesture.
    const permission = await Notification.requestPermission();
    if (permission === "denied") {
      show("push-offer", false);
      show("push-hint-blocked");
      return;
    }
    if (permission !== "granted") {
      show("push-dismissed");
      return;
    }
    await send(user, await common.withTimeout(subscribe(), SUBSCRIBE_TIMEOUT_MS));
    location.reload();
  }

  async function enable(user, button) {
    ["push-failed", "push-dismissed"].forEach((id) => show(id, false));
    show("push-working");
    button.disabled = true;
    try {
      await turnOn(user);
    } catch (error) {
      // No push service reachable, or the server refused: say so rather than fail silently.
      if (window.console) console.warn("Notifications could not be turned on:", error);
      show("push-failed");
    }
    show("push-working", false);
    button.disabled = false;
  }

  /** The notifications page: show what applies to this device. */
  function wirePage(user, device) {
    const button = document.getElementById("push-enable");
    if (!button) return;
    const hint = blocker();
    if (hint) return show(hint);
    if (device.state === "on") {
      show("push-on");
      const row = document.querySelector("[data-device-id='" + device.id + "'] .this-device");
      if (row) row.hidden = false;
      return;
    }
    show("push-offer");
    button.addEventListener("click", () => { enable(user, button); });
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const user = userId();
    if (!user) return;  // the cached quick page holds no user
    wirePage(user, await refresh(user));
  });
})();
