"""Rules for signed-in devices and fair log-in limits: plain data and `now` in and out.

Log-in limits count failures only, under three keys: the address and the account together, the
address alone (one address trying many accounts), and the account alone (many addresses trying
one account). The account's own count slows down only addresses that have failed on it, so a
correct password from an address that has not been failing is never refused."""
import hashlib
import ipaddress
from datetime import timedelta
from math import ceil

# Sessions: how often last_seen_at is written, and how long an unused session lasts.
TOUCH_INTERVAL = timedelta(minutes=1)
# "Keep me logged in" lasts a season unused: a journal may rest through a long holiday, and
# the progress conversations it prepares for come a few times a year.
IDLE_LIMITS = {True: timedelta(days=90), False: timedelta(days=1)}
DEVICE_NAME_LIMIT = 80

# Log-in failures: how many are free, the first wait after them (doubling with each further
# failure, up to MAX_DELAY), and how long without failures before a count starts over.
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
PAIR, ADDRESS, ACCOUNT = "pair", "address", "account"
FREE_FAILURES = {PAIR: 5, ADDRESS: 50, ACCOUNT: 20}
FORGET_AFTER = {PAIR: timedelta(days=1), ADDRESS: timedelta(hours=1), ACCOUNT: timedelta(days=1)}
IPV6_PREFIX = 64  # one household or phone gets a whole /64: treat it as one address


def is_due_a_touch(last_seen_at, now):
    """True when a session's last_seen_at is old enough to be written again."""
    return now - last_seen_at >= TOUCH_INTERVAL


def is_expired(remember, last_seen_at, now):
    """True when a session has gone unused for longer than it may."""
    return now - last_seen_at > IDLE_LIMITS[bool(remember)]


def device_name(label):
    """A device's readable name as stored (never longer than the column)."""
    return str(label)[:DEVICE_NAME_LIMIT]


def delay_after(failures, kind):
    """How long to wait after the given number of failures under a key of this kind."""
    over = failures - FREE_FAILURES[kind]
    if over < 0:
        return timedelta(0)
    if over >= 16:  # far past the cap; keeps the power small
        return MAX_DELAY
    return min(FIRST_DELAY * 2 ** over, MAX_DELAY)


def wait_for(kind, failures, last_failed_at, now):
    """How long until a key of this kind with these failures may try again (zero: now)."""
    if not failures or now - last_failed_at >= FORGET_AFTER[kind]:
        return timedelta(0)
    return max(last_failed_at + delay_after(failures, kind) - now, timedelta(0))


def login_wait(counts, now):
    """How long this address must wait before trying this account again; zero when it may try.

    `counts` maps PAIR, ADDRESS and ACCOUNT to (failures, last_failed_at) where there are any.
    The account's count applies only when this address has failed on the account itself."""
    kinds = [PAIR, ADDRESS] + ([ACCOUNT] if _has_failed(counts.get(PAIR), now) else [])
    return max((wait_for(kind, *counts[kind], now) for kind in kinds if kind in counts),
               default=timedelta(0))


def wait_to_show(wait):
    """A wait rounded up to what a person is told: whole seconds under a minute, else whole
    minutes (never shorter than the real wait)."""
    seconds = ceil(wait.total_seconds())
    if seconds >= 60:
        seconds = ceil(seconds / 60) * 60
    return timedelta(seconds=max(seconds, 1))


def _has_failed(pair, now):
    """True when the address has failed on the account recently enough to still count."""
    return pair is not None and pair[0] > 0 and now - pair[1] < FORGET_AFTER[PAIR]


def address_of(remote_addr):
    """The address a client is counted under: IPv4 as it is, IPv6 by its /64 network."""
    try:
        address = ipaddress.ip_address((remote_addr or "").split("%")[0])
    except ValueError:
        return "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))


def failure_keys(address, email):
    """The counter keys for a log-in from this address to this (normalised) e-mail address,
    hashed so the table holds neither; an unknown address counts the same as a known one."""
    def digest(*parts):
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return {PAIR: digest(PAIR, address, email), ADDRESS: digest(ADDRESS, address),
            ACCOUNT: digest(ACCOUNT, email)}


# Mailed account links: how long each works (journal.models.account_token keeps them).
VERIFY_LINK_LIFETIME = timedelta(hours=48)
RESET_LINK_LIFETIME = timedelta(hours=1)
LINK_LIFETIMES = {"verify": VERIFY_LINK_LIFETIME, "reset": RESET_LINK_LIFETIME}


def link_problem(used_at, expires_at, now):
    """Why a mailed link no longer works at `now` ("used" or "expired"), or None while it
    is open. (A used link says so even once expired: that is what the person remembers.)"""
    if used_at is not None:
        return "used"
    if now >= expires_at:
        return "expired"
    return None


def address_key(email):
    """A rate-limit key for an e-mail address (normalised by the caller), hashed so the
    limiter's store never holds the address itself."""
    return hashlib.sha256(f"address\n{email}".encode()).hexdigest()
