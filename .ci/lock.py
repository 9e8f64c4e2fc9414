"""The lock file (requirements.lock) against pyproject.toml, without reaching any index.

`python3 .ci/lock.py stamp requirements.lock` writes the fingerprint of pyproject.toml's
dependencies into the lock's first line (`make lock` does it after pip-compile).
`python3 .ci/lock.py check requirements.lock` fails when that fingerprint no longer matches,
when a dependency has no pin, or when a pin is outside the range pyproject.toml allows: the
dependencies changed and `make lock` was not run (`make lock-check`, and CI, call it)."""
import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = "# pyproject.toml dependencies sha256: "
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def dependencies():
    """What the lock is made from: requires-python, dependencies and every extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {"requires-python": project.get("requires-python"),
            "dependencies": sorted(project.get("dependencies", [])),
            "optional-dependencies": {name: sorted(deps) for name, deps in
                                      project.get("optional-dependencies", {}).items()}}


def fingerprint():
    text = json.dumps(dependencies(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def stamp(lock):
    lines = [line for line in lock.read_text().splitlines() if not line.startswith(STAMP)]
    lock.write_text("\n".join([STAMP + fingerprint(), *lines]) + "\n")


def problems(lock, with_extras):
    """What is wrong with the lock, in words; empty when it is up to date. The app's lock pins
    the dependencies; the development lock (with_extras) the test and bench extras too."""
    if not lock.exists():
        return [f"{lock.name} is missing: run `make lock`."]
    text = lock.read_text()
    found = []
    if STAMP + fingerprint() not in text.splitlines():
        found.append(f"{lock.name} was made from other dependencies than pyproject.toml's "
                     "now: run `make lock` and commit both.")
    pins = {normal(m[1]): m[2] for m in map(PIN.match, text.splitlines()) if m}
    found += _unpinned(pins, with_extras)
    if "--hash=sha256:" not in text:
        found.append(f"{lock.name} has no hashes: run `make lock`.")
    return found


def _unpinned(pins, with_extras):
    try:
        from packaging.requirements import Requirement
    except ImportError:  # plain python3 without packaging: pip carries a copy
        try:
            from pip._vendor.packaging.requirements import Requirement
        except ImportError:
            return []
    deps = dependencies()
    wanted = deps["dependencies"] + [d for extra in deps["optional-dependencies"].values()
                                     for d in extra if with_extras]
    found = []
    for line in wanted:
        requirement = Requirement(line)
        pin = pins.get(normal(requirement.name))
        if pin is None:
            found.append(f"{requirement.name} is not in the lock: run `make lock`.")
        elif not requirement.specifier.contains(pin, prereleases=True):
            found.append(f"{requirement.name}=={pin} in the lock is outside "
                         f"'{requirement.specifier}': run `make lock`.")
    return found


def main(command, lock_path, kind="app"):
    lock = ROOT / lock_path
    if command == "stamp":
        stamp(lock)
        return 0
    found = problems(lock, with_extras=kind == "dev")
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"{lock.name} is up to date with pyproject.toml.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
