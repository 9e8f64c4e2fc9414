"""The plotly.js the chart page uses: which file, pinned by version and sha256, where it lives,
and how to fetch it again from the npm registry.

The charts are bars, lines and a heatmap (journal/charts/figures.py and days.py), all in
plotly.js's cartesian bundle (npm's plotly.js-cartesian-dist-min: bar, box, contour,
heatmap, histogram, histogram2d, histogram2dcontour, image, pie, scatter, scatterternary,
violin), a third of the full plotly.js. Its version is the one the Python plotly package of
requirements.lock bundles (plotly 7.1.0: plotly.js 4.1.1), so figures keep the same schema.

The file is kept in the repository (static/vendor/plotly/, with its LICENSE and a README);
the app never fetches anything at run time. To fetch it again, or after changing the pins
below (take TARBALL_INTEGRITY from `npm view <package>@<version> dist.integrity`, and SHA256
from the file once checked):

    make vendor-plotly          # = python3 journal/charts/vendor.py
    python3 journal/charts/vendor.py --check    # only check the file in the repository

Standard library only, so it runs without the app's virtualenv. The tarball must match npm's
sha512 integrity, and the script in it the sha256 below, before anything is written.
"""
import argparse
import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

PACKAGE = "plotly.js-cartesian-dist-min"
VERSION = "4.1.1"
FILENAME = "plotly-cartesian.min.js"
SHA256 = "79542150855a52c567260e3137095dbe2b744e6d702a5cabe67da246942fba7a"
TARBALL_INTEGRITY = ("sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/"
                     "Z6w4P5O0Jus/Qr5EefHVeg==")
REGISTRY = "https://registry.npmjs.org"
VENDOR_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "plotly"
VENDORED = VENDOR_DIR / FILENAME
MEMBERS = {f"package/{FILENAME}": FILENAME, "package/LICENSE": "LICENSE"}
MOST_BYTES = 20_000_000  # the tarball is 0.5 MB; refuse anything absurd
TIMEOUT_SECONDS = 60


class PlotlyFileError(RuntimeError):
    """The plotly.js file is missing or is not the pinned one."""


def tarball_url(registry=REGISTRY):
    """Where the registry keeps the pinned version's tarball."""
    return f"{registry.rstrip('/')}/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"


def read_checked(path=VENDORED, sha256=SHA256):
    """The file's bytes, once their sha256 is the one pinned; else a PlotlyFileError that says
    what is wrong and how to put it right."""
    path = Path(path)
    how = "fetch it again with `make vendor-plotly` (python3 journal/charts/vendor.py)"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlotlyFileError(f"plotly.js is missing: {path} does not exist; {how}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise PlotlyFileError(
            f"{path} is not {PACKAGE} {VERSION}: its sha256 is {digest}, expected {sha256}; "
            f"{how}, or update the pins in journal/charts/vendor.py")
    return raw


def check_integrity(data, integrity=TARBALL_INTEGRITY):
    """Raise PlotlyFileError unless `data` matches an npm integrity string (sha512-<base64>)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise PlotlyFileError(f"unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise PlotlyFileError(f"the tarball of {PACKAGE} {VERSION} is not the one pinned: "
                              f"sha512-{actual}, expected {integrity}")


def download(url, most=MOST_BYTES, timeout=TIMEOUT_SECONDS):
    """The body at `url` (at most `most` bytes)."""
    request = urllib.request.Request(url, headers={"Accept": "application/octet-stream"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data = response.read(most + 1)
    if len(data) > most:
        raise PlotlyFileError(f"{url} is larger than {most} bytes")
    return data


def unpack(tarball, sha256=SHA256):
    """{file name: bytes} of the script and its LICENSE, read from the tarball (nothing is
    extracted to disk), once the package's version and the script's sha256 are the pinned."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        manifest = json.loads(archive.extractfile("package/package.json").read())
        if (manifest.get("name"), manifest.get("version")) != (PACKAGE, VERSION):
            raise PlotlyFileError(f"the tarball holds {manifest.get('name')} "
                                  f"{manifest.get('version')}, not {PACKAGE} {VERSION}")
        for member, name in MEMBERS.items():
            try:
                handle = archive.extractfile(member)
            except KeyError:
                handle = None
            if handle is None:
                raise PlotlyFileError(f"the tarball has no file {member}")
            files[name] = handle.read()
    digest = hashlib.sha256(files[FILENAME]).hexdigest()
    if digest != sha256:
        raise PlotlyFileError(f"{FILENAME} in the tarball has sha256 {digest}, expected {sha256}")
    return files


def write_all(files, directory=VENDOR_DIR):
    """Write each file beside the others, each replaced in one step (never half written)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, directory / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def fetch(registry=REGISTRY, directory=VENDOR_DIR):
    """Fetch the pinned tarball, check it, and write the script and its LICENSE."""
    url = tarball_url(registry)
    tarball = download(url)
    check_integrity(tarball, TARBALL_INTEGRITY)
    write_all(unpack(tarball, SHA256), directory)
    return url


def main(argv=None):
    parser = argparse.ArgumentParser(description=f"Fetch {PACKAGE} {VERSION} into "
                                     f"{VENDOR_DIR}, checked against its pinned hashes.")
    parser.add_argument("--check", action="store_true",
                        help="only check the file already there (exit status 1 if wrong)")
    parser.add_argument("--registry", default=os.environ.get("npm_config_registry") or REGISTRY,
                        help=f"npm registry to fetch from (default {REGISTRY})")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            print(f"fetched {fetch(args.registry)}")
        read_checked()
    except (PlotlyFileError, OSError, tarfile.TarError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{VENDORED}: {PACKAGE} {VERSION}, sha256 {SHA256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
