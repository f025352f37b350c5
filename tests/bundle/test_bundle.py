"""The PyInstaller bundle: builds, finds its data files, keeps its database in the user's data folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None,
                       reason="PyInstaller is not installed"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "packaging" / "yingshang.spec")],
        cwd=ROOT, check=True, capture_output=True,
    )
    executable = work / "dist" / "yingshang-tianbao" / ("yingshang-tianbao" + (".exe" if os.name == "nt" else ""))
    assert executable.exists()
    return executable


@pytest.fixture
def user_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), LOCALAPPDATA=str(tmp_path / "data"))
    return env


def run(bundle, env, *args, cwd=None):
    return subprocess.run([str(bundle), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_version_and_catalog_from_the_bundled_data(bundle, user_env):
    assert "营商环境指标填报" in run(bundle, user_env, "--version").stdout
    done = run(bundle, user_env, "catalog", "--json")
    assert done.returncode == 0, done.stderr
    assert '"ct_close_rate"' in done.stdout


def test_database_goes_to_the_user_data_folder(bundle, user_env, tmp_path):
    before = sorted(p.name for p in bundle.parent.iterdir())
    done = run(bundle, user_env, "demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "yingshang-tianbao" / "data.db").exists()
    assert sorted(p.name for p in bundle.parent.iterdir()) == before
    shown = run(bundle, user_env, "show", "2023Q3", "--dept", "区法院")
    assert "结案率：84.61%" in shown.stdout


def test_headless_export_from_the_bundle(bundle, user_env, tmp_path):
    assert run(bundle, user_env, "demo").returncode == 0
    out = tmp_path / "报送.xlsx"
    done = run(bundle, user_env, "export", "2023Q3", "--out", str(out), "--draft")
    assert done.returncode == 0, done.stderr
    import openpyxl

    assert "校验结果" in openpyxl.load_workbook(out).sheetnames


def test_the_window_starts_with_the_bundled_qt_plugins(bundle, user_env, tmp_path):
    env = dict(user_env, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([str(bundle), "--db", str(tmp_path / "gui.db")], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=4)
        pytest.fail(f"the application exited early: {process.stderr.read()}")
    except subprocess.TimeoutExpired:
        pass  # still running: the window is up
    finally:
        process.kill()
        process.wait()
    assert (tmp_path / "gui.db").exists()
