/* Progress Journal service worker.
 * Served at /sw.js (scope /) with Cache-Control: no-cache; the server fills in the release
 * version, the precache list and the outbox script URL. Pages holding user data are never
 * cached: offline, the home page falls back to the quick-entry page, others to the offline page.
 */
"use strict";

const VERSION = "__VERSION__";
const PRECACHE_URLS = ["__PRECACHE__"];
const OUTBOX_SCRIPT = "__OUTBOX__";
const CACHE_PREFIX = "journal-shell-";
const CACHE = CACHE_PREFIX + VERSION;
const NAVIGATION_TIMEOUT_MS = 4000;
const QUICK_URL = "/quick";
const OFFLINE_URL = "/offline";
// Account routes, the API and the worker itself always go straight to the network.
const NETWORK_ONLY = [/^\/api\//, /^\/login/, /^\/logout/, /^\/signup/, /^\/settings\/password/,
                      /^\/language\//, /^\/sw\.js$/];

importScripts(OUTBOX_SCRIPT);

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
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === self.JournalOutbox.SYNC_TAG) {
    event.waitUntil(self.JournalOutbox.flushForSessionUser());
  }
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
  const timeout = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("timeout")), NAVIGATION_TIMEOUT_MS);
  });
  return Promise.race([fromNetwork, timeout]).catch(() =>
    caches.match(fallbackUrl, { cacheName: CACHE }).then((cached) => cached || fromNetwork));
}

// Contract: a cached static file if there is one (URLs carry a content hash); else fetched
// and kept for next time.
function cacheFirst(request) {
  return caches.match(request).then((cached) => cached || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }));
}
