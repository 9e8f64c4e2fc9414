/* The offline outbox: entries kept in IndexedDB until the server has them.
 * Shared by the pages and the service worker (self.JournalOutbox). Records are keyed by the
 * entry's UUID and carry the user's id, so only that user's session ever uploads them. The
 * server treats the UUID as an idempotency key, so sending one twice never doubles it.
 */
(function (scope) {
  "use strict";

  var DB_NAME = "journal-outbox";
  var STORE = "entries";
  var SYNC_TAG = "journal-outbox";

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: "id" });
        store.createIndex("userId", "userId");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function transact(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && result.value); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  /** Keep an entry body (with its id) for a user until it is synced. */
  function add(userId, body) {
    var record = { id: body.id, userId: userId, body: body, queuedAt: Date.now(), error: null };
    return transact("readwrite", function (store) { store.put(record); }).then(function () {
      return record;
    });
  }

  /** The user's waiting records, oldest first. */
  function pending(userId) {
    return transact("readonly", function (store) {
      var out = { value: [] };
      store.index("userId").getAll(userId).onsuccess = function (event) {
        out.value = event.target.result.sort(function (a, b) { return a.queuedAt - b.queuedAt; });
      };
      return out;
    });
  }

  function remove(id) {
    return transact("readwrite", function (store) { store.delete(id); });
  }

  function markFailed(record, message) {
    record.error = message;
    return transact("readwrite", function (store) { store.put(record); });
  }

  /** Forget everything a user has waiting (after a successful sync, on logout). */
  function clearUser(userId) {
    return pending(userId).then(function (records) {
      return Promise.all(records.map(function (r) { return remove(r.id); }));
    });
  }

  /** Who is logged in, with a fresh CSRF token: {status, session}. */
  function fetchSession() {
    return fetch("/api/v1/session", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) return { status: "unauthorized" };
        if (!response.ok) return { status: "offline" };
        return response.json().then(function (session) { return { status: "ok", session: session }; });
      }, function () { return { status: "offline" }; });
  }

  function send(record, token) {
    return fetch("/api/v1/entries", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(record.body)
    });
  }

  /** Send the user's waiting entries. Resolves to {status, sent, waiting, errors}.
   * status: "ok", "offline" (try later), "unauthorized" (log in again; the queue is kept),
   * or "other_user" (someone else is logged in here; nothing is sent). */
  function flush(userId) {
    var result = { status: "ok", sent: 0, waiting: 0, errors: {} };
    return pending(userId).then(function (records) {
      var todo = records.filter(function (r) { return !r.error; });
      if (!todo.length) return finish();
      return fetchSession().then(function (answer) {
        if (answer.status !== "ok") { result.status = answer.status; return finish(); }
        if (answer.session.user.id !== userId) { result.status = "other_user"; return finish(); }
        return sendAll(todo, answer.session.csrf_token).then(finish);
      });
    });

    function sendAll(records, token) {
      return records.reduce(function (chain, record) {
        return chain.then(function (stop) {
          if (stop) return true;
          return send(record, token).then(function (response) {
            if (response.status === 200 || response.status === 201) {
              result.sent += 1;
              return remove(record.id).then(function () { return false; });
            }
            if (response.status === 401) { result.status = "unauthorized"; return true; }
            if (response.status === 422 || response.status === 400) {
              return response.json().then(function (body) {
                result.errors[record.id] = body.error;
                return markFailed(record, body.error.message);
              }, function () { return markFailed(record, "invalid"); }).then(function () { return false; });
            }
            result.status = "offline";
            return true;
          }, function () { result.status = "offline"; return true; });
        });
      }, Promise.resolve(false));
    }

    function finish() {
      return pending(userId).then(function (left) {
        result.waiting = left.length;
        return result;
      });
    }
  }

  /** For the service worker's Background Sync: flush for whoever is logged in. */
  function flushForSessionUser() {
    return fetchSession().then(function (answer) {
      if (answer.status !== "ok") return null;
      return flush(answer.session.user.id);
    });
  }

  scope.JournalOutbox = {
    SYNC_TAG: SYNC_TAG, add: add, pending: pending, remove: remove, clearUser: clearUser,
    flush: flush, flushForSessionUser: flushForSessionUser, fetchSession: fetchSession
  };
})(self);
