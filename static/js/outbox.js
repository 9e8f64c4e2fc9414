/* The offline outbox: entries kept in IndexedDB until the server has them.
 * Shared by the pages and the service worker (self.JournalOutbox); needs common.js first.
 * Records are keyed by the entry's UUID and carry the user's id, so only that user's session
 * ever uploads them. The server treats the UUID as an idempotency key, so sending one twice
 * never doubles it.
 */
(function (scope) {
  "use strict";

  const common = scope.JournalCommon;
  const DB_NAME = "journal-outbox";
  const STORE = "entries";
  const SYNC_TAG = "journal-outbox";

  // Contract: resolves with target.result once its `doneEvent` fires; rejects with its error.
  function settled(target, doneEvent) {
    return new Promise((resolve, reject) => {
      target["on" + doneEvent] = () => resolve(target.result);
      target.onerror = () => reject(target.error);
    });
  }

  // Contract: the open database, with its store and index created on first use.
  function openDb() {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: "id" }).createIndex("userId", "userId");
    };
    return settled(request, "success");
  }

  // Contract: runs work(store) in one transaction; once it has committed, resolves with the
  // result of the request work returned (undefined when it returned none).
  async function transact(mode, work) {
    const db = await openDb();
    try {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      await settled(tx, "complete");
      return request && request.result;
    } finally {
      db.close();
    }
  }

  /** Keep an entry body (with its id) for a user until it is synced. */
  async function add(userId, body) {
    const record = { id: body.id, userId: userId, body: body, queuedAt: Date.now(), error: null };
    await transact("readwrite", (store) => { store.put(record); });
    return record;
  }

  /** The user's waiting records, oldest first. */
  async function pending(userId) {
    const records = await transact("readonly", (store) => store.index("userId").getAll(userId));
    return records.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  // Contract: forgets one record.
  function remove(id) {
    return transact("readwrite", (store) => { store.delete(id); });
  }

  // Contract: keeps the record, marked with the server's reason, so it is not sent again.
  function markFailed(record, message) {
    record.error = message;
    return transact("readwrite", (store) => { store.put(record); });
  }

  /** Forget everything a user has waiting (after a successful sync, on logout). */
  async function clearUser(userId) {
    const records = await pending(userId);
    return Promise.all(records.map((record) => remove(record.id)));
  }

  /** Send the user's waiting entries. Resolves to {status, sent, waiting, errors}.
   * status: "ok", "offline" (try later), "unauthorized" (log in again; the queue is kept),
   * or "other_user" (someone else is logged in here; nothing is sent). */
  async function flush(userId) {
    const result = { status: "ok", sent: 0, waiting: 0, errors: {} };
    const todo = (await pending(userId)).filter((record) => !record.error);
    if (todo.length) {
      const answer = await common.fetchSession();
      if (answer.status !== "ok") result.status = answer.status;
      else if (answer.session.user.id !== userId) result.status = "other_user";
      else await sendAll(todo, answer.session.csrf_token, result);
    }
    result.waiting = (await pending(userId)).length;
    return result;
  }

  // Contract: sends the records in order, counting into result; stops at the first one that
  // cannot be sent now (result.status then says why).
  async function sendAll(records, token, result) {
    for (const record of records) {
      if (!(await sendOne(record, token, result))) return;
    }
  }

  // Contract: sends one record and settles its fate; true when the next one may follow.
  async function sendOne(record, token, result) {
    let response;
    try {
      response = await common.sendJson("POST", "/api/v1/entries", record.body, token);
    } catch (error) {
      result.status = "offline";
      return false;
    }
    if (response.status === 200 || response.status === 201) {
      result.sent += 1;
      await remove(record.id);
      return true;
    }
    if (response.status === 401) { result.status = "unauthorized"; return false; }
    if (response.status === 422 || response.status === 400) {
      await keepRefused(record, response, result);
      return true;
    }
    result.status = "offline";
    return false;
  }

  // Contract: marks a record the server refused, with the server's error in result.errors.
  async function keepRefused(record, response, result) {
    let body;
    try {
      body = await response.json();
    } catch (error) {
      return markFailed(record, "invalid");
    }
    result.errors[record.id] = body.error;
    return markFailed(record, body.error.message);
  }

  /** For the service worker's Background Sync: flush for whoever is logged in. */
  async function flushForSessionUser() {
    const answer = await common.fetchSession();
    return answer.status === "ok" ? flush(answer.session.user.id) : null;
  }

  scope.JournalOutbox = {
    SYNC_TAG: SYNC_TAG, add: add, pending: pending, remove: remove, clearUser: clearUser,
    flush: flush, flushForSessionUser: flushForSessionUser, fetchSession: common.fetchSession
  };
})(self);
