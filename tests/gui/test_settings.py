"""Settings are declared once with type and default, and survive a foreign or broken file."""

from PySide6.QtCore import QByteArray

from gui.settings import DEPARTMENT, GEOMETRY, LAST_DATABASE, Setting


def test_defaults_until_set_then_the_typed_value(settings):
    assert DEPARTMENT.get(settings) == "" and GEOMETRY.get(settings) == QByteArray()
    DEPARTMENT.set(settings, "court")
    LAST_DATABASE.set(settings, "/数据/红谷滩区.db")
    settings.sync()
    assert (DEPARTMENT.get(settings), LAST_DATABASE.get(settings)) == ("court", "/数据/红谷滩区.db")


def test_a_value_of_the_wrong_type_falls_back_to_the_default(settings):
    width = Setting("window/width", int, 1280)
    settings.setValue("window/width", "宽")
    assert width.get(settings) == 1280
    settings.setValue("window/width", "960")
    assert width.get(settings) == 960
    flag = Setting("window/flag", bool, False)
    settings.setValue("window/flag", "true")
    assert flag.get(settings) is True
