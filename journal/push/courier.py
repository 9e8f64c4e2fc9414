"""Messages on their way, for a thread that does other work meanwhile (a dispatcher claiming and
writing down the next ones): an event loop in the calling thread sends what it is given,
`sender.workers` at a time, in the order given, over one HTTP client (kept-alive connections)
for the courier's whole life. The loop runs while the caller waits for answers
(`arrivals`); while the caller works, answers wait in the sockets. One thread: no lock to
hand back and forth between sending and the database, which cost more than a tenth of each
message when the loop ran in a thread of its own. A push service slow to answer holds one of
the workers, never the others. It is used from a thread that runs no event loop of its own
(the dispatcher's)."""
import asyncio
import logging

from journal.push.sender import Outcome

log = logging.getLogger(__name__)


class Courier:
    """`put(messages)`, then `arrivals(timeout)` for their outcomes (one per message) as they
    come; `stop()` when done: what was not sent by then is not sent."""

    def __init__(self, sender):
        self.sender, self._loop, self._outcomes = sender, None, []

    def put(self, messages):
        """Send these messages after those given before."""
        if self._loop is None:
            self._start()
        for message in messages:
            self._todo.put_nowait(message)

    def arrivals(self, timeout):
        """The outcomes that came, waiting up to `timeout` seconds for the first (sending
        meanwhile)."""
        if not self._outcomes and self._loop is not None:
            self._loop.run_until_complete(self._wait(timeout))
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    def stop(self):
        """Stop sending and close the connections."""
        if self._loop is None:
            return
        for worker in self._workers:
            worker.cancel()
        self._loop.run_until_complete(asyncio.gather(*self._workers, return_exceptions=True))
        self._client.close()
        self._loop.run_until_complete(asyncio.sleep(0.01))  # lets the sockets go
        self._loop.close()
        self._loop = None

    def _start(self):
        self._loop = asyncio.new_event_loop()
        self._todo, self._came = asyncio.Queue(), asyncio.Event()
        self._client = self.sender.client()
        self._workers = [self._loop.create_task(self._work())
                         for _ in range(max(1, int(self.sender.workers)))]

    async def _wait(self, timeout):
        try:
            async with asyncio.timeout(timeout):
                await self._came.wait()
        except TimeoutError:
            pass
        self._came.clear()

    async def _work(self):
        while True:
            message = await self._todo.get()
            try:
                outcome = await self.sender.send_async(message, self._client)
            except Exception as error:  # noqa: BLE001 - the sender promises not to raise
                log.exception("sending one push message raised")
                outcome = Outcome(message.key, "error", 0, f"unusable: {type(error).__name__}")
            self._outcomes.append(outcome)
            self._came.set()
