"""The desktop window (PySide6).  Qt is configured here, on import, before any QApplication exists."""

import os

# Qt's raster engine hands every fill taller than about 96 lines to a pool of threads and waits
# for them.  For a widget's repaint the hand-off costs more than the fill: on two cores, a
# 194-pixel scroll bar took 1.2 ms, most of it waking threads.  Fills stay on the GUI thread.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
