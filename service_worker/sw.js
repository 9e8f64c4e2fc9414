/* Progress Journal service worker.
 * Served at /sw.js (scope /) with Cache-Control: no-cache; the server fills in the release
 * version, the precache list and the URLs of the scripts it imports (common.js, outbox.js).
 * Pages holding user data are never cached: offline, the home page falls back to the
 * quick-entry page, others to the offline page.
 */
"use strict";

const VERSION = "__VERSION__";
const PRECACHE_URLS = ["__PRECACHE__"];
const COMMON_SCRIPT = "__COMMON__";
const OUTBOX_SCRIPT = "__OUTBOX__";
const CACHE_PREFIX = "journal-shell-";
const CACHE = CACHE_PREFIX + VERSION;
const NAVIGATION_TIMEOUT_MS = 4000;
const QUICK_URL = "/quick";
const OFFLINE_URL = "/offline";
// Account routes, the API and the worker itself always go straight to the network.
const NETWORK_ONLY = [/^\/api\//, /^\/login/, /^\/logout/, /^\/signup/, /^\/settings\/password/,
                      /^\/language\//, /^\/sw\.js$/];
// Files whose URL carries a content hash (static files, plotly.js) never change: cache-first.
const CACHE_FIRST = [/^\/static\//, /^\/vendor\//];

importScripts(COMMON_SCRIPT, OUTBOX_SCRIPT);

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

// A new version waits until the person agrees to reload (the page sends SKIP_WAITING).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NETWORK_ONLY.some((pattern) => pattern.test(url.pathname))) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirstNavigation(request, url));
  } else if (CACHE_FIRST.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(cacheFirst(request));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === self.JournalOutbox.SYNC_TAG) {
    event.waitUntil(self.JournalOutbox.flushForSessionUser());
  }
});

// Every push shows a notification: iOS drops a subscription whose pushes show nothing.
self.addEventListener("push", (event) => {
  event.waitUntil(showPushedNotification(event.data));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification.data));
});

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(renewSubscription(event.oldSubscription, event.newSubscription));
});

// Contract: resolves once every shell file is in this version's cache (install fails otherwise).
function precache() {
  return caches.open(CACHE).then((cache) => cache.addAll(PRECACHE_URLS));
}

// Contract: removes the caches of earlier versions, keeps this one.
function deleteOldCaches() {
  return caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
         .map((name) => caches.delete(name))));
}

// Contract: the network's answer when it comes in time; else the cached quick-entry page
// for the home page, or the offline page for anything else.
function networkFirstNavigation(request, url) {
  const fallbackUrl = (url.pathname === "/" || url.pathname === QUICK_URL) ? QUICK_URL : OFFLINE_URL;
  const fromNetwork = fetch(request);
  return self.JournalCommon.withTimeout(fromNetwork, NAVIGATION_TIMEOUT_MS).catch(() =>
    caches.match(fallbackUrl, { cacheName: CACHE }).then((cached) => cached || fromNetwork));
}

// Contract: a cached copy of a content-hashed file (static files, plotly.js) if there is one;
// else fetched and kept for next time.
function cacheFirst(request) {
  return caches.match(request).then((cached) => cached || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }));
}

// --- Notifications: the server sends {title, body, url, tag} in the user's language. --------

const NOTIFICATION_ICON = "/static/icons/icon-192.png";
const DEFAULT_WORDS = { title: "Progress Journal", body: "A moment for your journal?" };

// Contract: resolves once exactly one notification is shown: the payload's words and page, or
// generic words and the home page when the payload is missing or unreadable.
function showPushedNotification(data) {
  return notificationWords(data).then((message) => self.registration.showNotification(
    message.title, { body: typeof message.body === "string" ? message.body : "",
                     tag: message.tag || "journal", data: { url: notificationTarget(message) },
                     icon: NOTIFICATION_ICON }));
}

// Contract: the payload as {title, body, url, tag} if it has a title; else the generic words.
function notificationWords(data) {
  let message = null;
  try { message = data ? data.json() : null; } catch (error) { message = null; }
  if (message && typeof message.title === "string" && message.title) return Promise.resolve(message);
  return caches.open(self.JournalCommon.WORDS_CACHE)
    .then((cache) => cache.match(self.JournalCommon.WORDS_URL))
    .then((response) => (response ? response.json() : DEFAULT_WORDS))
    .catch(() => DEFAULT_WORDS);
}

// Contract: the same-origin path a notification opens, "/" for anything else: a payload can
// never send the person to another site.
function notificationTarget(data) {
  try {
    const url = new URL((data && data.url) || "/", self.location.origin);
    if (url.origin === self.location.origin) return url.pathname + url.search + url.hash;
  } catch (error) { /* not a URL: go home */ }
  return "/";
}

// Contract: focuses an open window of the app and shows the notification's page in it (a
// window already on that page is only focused, so nothing typed there is lost); opens a new
// window when none is open or the open one cannot be navigated.
function openFromNotification(data) {
  const target = notificationTarget(data);
  return self.clients.matchAll({ type: "window" }).then((windows) => {
    const open = windows.find((client) => client.focused) || windows[0];
    if (!open) return self.clients.openWindow(target);
    const focused = open.focus().catch(() => open);  // focusing needs the click's permission
    if (new URL(open.url).pathname === new URL(target, self.location.origin).pathname) return focused;
    return focused.then(() => open.navigate(target)).catch(() => self.clients.openWindow(target));
  });
}

// Contract: subscribes again with the same server key (unless the browser already did), tells
// the server and forgets the old endpoint; resolves quietly when offline or logged out, as
// the page sends the current subscription again whenever the app opens.
function renewSubscription(oldSubscription, newSubscription) {
  const renewed = newSubscription ? Promise.resolve(newSubscription) : serverKey(oldSubscription)
    .then((key) => self.registration.pushManager.subscribe({ userVisibleOnly: true,
                                                             applicationServerKey: key }));
  return Promise.all([renewed, sessionToken()]).then(([subscription, token]) => {
    if (!token) return null;
    const stored = self.JournalCommon.saveSubscription(subscription, token);
    if (!oldSubscription || oldSubscription.endpoint === subscription.endpoint) return stored;
    const forget = { endpoint: oldSubscription.endpoint };
    return stored.then(() => self.JournalCommon.sendJson(
      "DELETE", self.JournalCommon.SUBSCRIPTIONS_URL, forget, token));
  }).catch(() => null);
}

// Contract: a fresh CSRF token for whoever is logged in, or null when offline or logged out.
function sessionToken() {
  return self.JournalCommon.fetchSession()
    .then((answer) => (answer.status === "ok" ? answer.session.csrf_token : null));
}

// Contract: the applicationServerKey the old subscription used, else the server's current one.
function serverKey(oldSubscription) {
  const key = oldSubscription && oldSubscription.options &&
              oldSubscription.options.applicationServerKey;
  if (key) return Promise.resolve(key);
  return self.JournalCommon.serverKey();
}
