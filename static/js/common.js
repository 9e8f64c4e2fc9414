/* Helpers used by both the pages and the service worker (self.JournalCommon). The worker loads
 * this file with importScripts, the pages with a <script defer> before the scripts that use it,
 * so the page and the worker always speak to the server the same way.
 */
(function (scope) {
  "use strict";

  // push.js keeps the user's generic words here, for a push that arrives without readable ones.
  const WORDS_CACHE = "journal-notification-words";
  const WORDS_URL = "/notification-words";
  const SUBSCRIPTIONS_URL = "/api/v1/push/subscriptions";

  // Contract: settles as the promise does, or rejects with Error("timeout") after ms.
  function withTimeout(promise, ms) {
    const timeout = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error("timeout")), ms);
    });
    return Promise.race([promise, timeout]);
  }

  // Contract: the response's JSON body; rejects on an HTTP error status.
  async function okJson(response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }

  // Contract: fetch()'s answer to a JSON request sent with the CSRF token.
  function sendJson(method, url, body, token) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    });
  }

  // Contract: who is logged in, with a fresh CSRF token: {status: "ok", session}, else
  // {status: "unauthorized"} or {status: "offline"}.
  async function fetchSession() {
    let response;
    try {
      response = await fetch("/api/v1/session", { credentials: "same-origin", cache: "no-store" });
    } catch (error) {
      return { status: "offline" };
    }
    if (response.status === 401) return { status: "unauthorized" };
    if (!response.ok) return { status: "offline" };
    return { status: "ok", session: await response.json() };
  }

  // Contract: fetch()'s answer to storing a push subscription on the server (201 new, 200 known).
  function saveSubscription(subscription, token) {
    return sendJson("POST", SUBSCRIPTIONS_URL, subscription.toJSON(), token);
  }

  // Contract: the server's push key as the bytes PushManager.subscribe() takes.
  async function serverKey() {
    const response = await fetch("/api/v1/push/key", { credentials: "same-origin" });
    return base64UrlToBytes((await okJson(response)).public_key);
  }

  // Contract: base64url text, padded or not, as bytes.
  function base64UrlToBytes(text) {
    const base64 = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  }

  scope.JournalCommon = {
    WORDS_CACHE: WORDS_CACHE, WORDS_URL: WORDS_URL, SUBSCRIPTIONS_URL: SUBSCRIPTIONS_URL,
    withTimeout: withTimeout, okJson: okJson, sendJson: sendJson, fetchSession: fetchSession,
    saveSubscription: saveSubscription, serverKey: serverKey
  };
})(self);
