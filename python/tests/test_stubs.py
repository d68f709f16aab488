"""The type stubs match the extension module, and the package type-checks against them."""

import os
import subprocess
import sys

import pytest

if not os.environ.get("CI"):
    pytest.importorskip("mypy")


def test_stubtest(tmp_path):
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "zhtag._zhtag"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_package_and_a_caller_type_check(tmp_path):
    caller = tmp_path / "caller.py"
    caller.write_text(
        "import zhtag\n"
        "t = zhtag.Tagger(['a.tsv'], variant='tw2s', labels=['ORG'])\n"
        "many: list[list[zhtag.Entity]] = t.tag_many(['大船集團'], threads=2)\n"
        "start: int = t.tag('大船集團')[0].start\n"
        "e: zhtag.Entity = zhtag.Entity.from_dict(many[0][0].to_dict())\n",
        encoding="utf-8",
    )
    for args in (["--strict", str(caller)], ["-p", "zhtag"]):
        r = subprocess.run(
            [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--cache-dir", str(tmp_path / "cache"), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert r.returncode == 0, r.stdout + r.stderr


def test_a_wrong_call_fails_the_type_check(tmp_path):
    """Without the stubs in use everything would be Any and pass: a wrong call must be caught."""
    caller = tmp_path / "wrong.py"
    caller.write_text("import zhtag\nzhtag.Tagger().tag(3)\nn: str = zhtag.Tagger().tag('a')[0].start\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), str(caller)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Found 2 errors" in r.stdout, r.stdout
