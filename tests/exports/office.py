"""LibreOffice for tests: re-saving a workbook as a department would (.xlsx, .ods, .xls).

LibreOffice is installed by the test set-up (``make test`` runs ``tools/qt-runtime-deps.sh test``,
which installs libreoffice-calc-nogui with apt-get as root); where it cannot be installed the tests
that need it are skipped and say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice（soffice）未安装且无法由测试准备安装：以 root 运行 make test 会用 "
                            "apt-get 安装 libreoffice-calc-nogui（tools/qt-runtime-deps.sh test）")


def resave(path: Path, form: str, folder: Path) -> Path:
    """``path`` opened and saved by LibreOffice as ``form`` (xlsx, ods or xls) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"  # an own profile: parallel runs do not wait on one another's lock
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", form,
                    "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=180)
    saved = folder / f"{path.stem}.{form}"
    assert saved.is_file(), f"LibreOffice did not write {saved.name}"
    return saved
