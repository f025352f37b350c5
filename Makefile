# Quick start:  make run   (opens the application; demo database on first start)
#               make test  (the whole test suite, offscreen)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench bundle bundle-onefile screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	@bash tools/qt-runtime-deps.sh gui
	$(PY) main.py

test: $(STAMP)
	@bash tools/qt-runtime-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# Pictures of the window in docs/screenshots/ (virtual X server, Chinese font: fonts-noto-cjk).
screenshots: $(STAMP)
	@bash tools/qt-runtime-deps.sh gui
	xvfb-run -a -s "-screen 0 1440x900x24" $(PY) tools/screenshots.py

bundle: $(STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --distpath build/dist --workpath build/work packaging/yingshang.spec
	@echo "一个文件夹的程序：build/dist/yingshang-tianbao/"

bundle-onefile: $(STAMP)
	BUNDLE_ONEFILE=1 $(VENV)/bin/pyinstaller --noconfirm --distpath build/dist-onefile --workpath build/work-onefile packaging/yingshang.spec
	@echo "单文件程序：build/dist-onefile/yingshang-tianbao"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build
