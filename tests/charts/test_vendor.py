"""The vendored plotly.js (static/vendor/plotly/): the pinned cartesian bundle, the traces the
charts need are in it, and journal/charts/vendor.py fetches it again only when every hash
agrees (a registry is never asked here: the tarballs are made in memory)."""
import base64
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
from datetime import date

import pytest

from journal.charts import figures as charts
from journal.charts import periods as chart_periods
from journal.charts import vendor


def trace_modules(script):
    """The trace types a plotly.js bundle registers."""
    return set(re.findall(rb'moduleType:"trace",name:"(\w+)"', script))


def test_the_bundle_is_the_cartesian_one_with_every_trace_the_charts_draw():
    raw = vendor.read_checked()
    modules = {name.decode() for name in trace_modules(raw)}
    assert modules == {"bar", "box", "contour", "heatmap", "histogram", "histogram2d",
                       "histogram2dcontour", "image", "pie", "scatter", "scatterternary",
                       "violin"}, "the list in the package's README"
    period = chart_periods.period("3m", date(2026, 11, 27))
    data = {"entries": [(date(2026, 11, 20), 4)], "goals": [(date(2026, 11, 2), None)],
            "reviews": [{"week": "2026-W47", "scale": 6, "autonomy": 3, "competence": 4,
                         "relatedness": 5}]}
    drawn = {trace["type"] for name in charts.CHART_NAMES
             for trace in charts.build(name, data, period)["data"]}
    assert drawn == {"bar", "scatter", "heatmap"}
    assert drawn <= modules


def test_the_readme_and_license_go_with_the_file():
    readme = (vendor.VENDOR_DIR / "README.md").read_text()
    assert f"{vendor.PACKAGE} {vendor.VERSION}" in readme
    assert vendor.tarball_url() in readme and vendor.SHA256 in readme
    assert "make vendor-plotly" in readme
    assert (vendor.VENDOR_DIR / "LICENSE").read_text().startswith("MIT License")


def test_the_check_command_passes_on_the_file_in_the_repository():
    done = subprocess.run([sys.executable, vendor.__file__, "--check"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert vendor.SHA256 in done.stdout


def tarball(files, version=vendor.VERSION):
    """A gzipped npm tarball holding package/<name> for each file, and its integrity."""
    buffer = io.BytesIO()
    manifest = {"name": vendor.PACKAGE, "version": version}
    members = {"package/package.json": json.dumps(manifest).encode(),
               **{f"package/{name}": data for name, data in files.items()}}
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    data = buffer.getvalue()
    return data, "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


SCRIPT = b"/* a stand-in for plotly.js */"
STAND_IN = {vendor.FILENAME: SCRIPT, "LICENSE": b"MIT License\n"}


def test_a_tarball_is_written_only_once_every_hash_agrees(tmp_path, monkeypatch):
    data, integrity = tarball(STAND_IN)
    asked = []
    monkeypatch.setattr(vendor, "download", lambda url: asked.append(url) or data)
    monkeypatch.setattr(vendor, "TARBALL_INTEGRITY", integrity)
    monkeypatch.setattr(vendor, "SHA256", hashlib.sha256(SCRIPT).hexdigest())
    vendor.fetch("https://registry.example.org/", tmp_path)
    assert asked == [f"https://registry.example.org/{vendor.PACKAGE}/-/{vendor.PACKAGE}-"
                     f"{vendor.VERSION}.tgz"]
    assert (tmp_path / vendor.FILENAME).read_bytes() == SCRIPT
    assert (tmp_path / "LICENSE").read_bytes() == b"MIT License\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["LICENSE", vendor.FILENAME]


def test_a_tarball_that_is_not_the_pinned_one_is_refused(tmp_path):
    data, integrity = tarball(STAND_IN)
    vendor.check_integrity(data, integrity)
    with pytest.raises(vendor.PlotlyFileError, match="not the one pinned"):
        vendor.check_integrity(data + b"\0", integrity)
    with pytest.raises(vendor.PlotlyFileError, match="not the one pinned"):
        vendor.check_integrity(data)  # the real pin
    with pytest.raises(vendor.PlotlyFileError, match="unsupported"):
        vendor.check_integrity(data, "sha1-" + integrity[7:])


def test_a_script_or_version_other_than_the_pinned_one_is_refused():
    data, _integrity = tarball(STAND_IN)
    with pytest.raises(vendor.PlotlyFileError, match=f"has sha256 .* expected {vendor.SHA256}"):
        vendor.unpack(data)
    older, _integrity = tarball(STAND_IN, version="3.0.0")
    with pytest.raises(vendor.PlotlyFileError, match=f"3.0.0, not {vendor.PACKAGE}"):
        vendor.unpack(older, hashlib.sha256(SCRIPT).hexdigest())
    without_license, _integrity = tarball({vendor.FILENAME: SCRIPT})
    with pytest.raises(vendor.PlotlyFileError, match="no file package/LICENSE"):
        vendor.unpack(without_license, hashlib.sha256(SCRIPT).hexdigest())


def test_nothing_is_written_when_the_download_is_wrong(tmp_path, monkeypatch):
    data, _integrity = tarball(STAND_IN)
    monkeypatch.setattr(vendor, "download", lambda url: data)
    with pytest.raises(vendor.PlotlyFileError):
        vendor.fetch(directory=tmp_path)
    assert not list(tmp_path.iterdir())
    assert vendor.main(["--registry", "https://registry.example.org"]) == 1
