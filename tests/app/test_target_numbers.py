"""Numbers typed into the 目标 form: the unit may be typed along; anything else is refused by name."""

import pytest

from app.errors import UsageError
from app.year_settings import typed_number


@pytest.mark.parametrize(("typed", "unit", "number"), [("96", "%", 96.0), (" 96.5% ", "%", 96.5), ("1,200", "件", 1200.0),
                                                        ("1200件", "件", 1200.0), ("", "%", None), ("  ", "%", None)])
def test_a_number_as_typed(typed, unit, number):
    assert typed_number(typed, "目标值", unit) == number


@pytest.mark.parametrize("typed", ["九十六", "96天", "nan", "inf", "9 6"])
def test_anything_else_is_refused_naming_the_field(typed):
    with pytest.raises(UsageError, match=f"基线须为数字（如 96），而不是“{typed}”"):
        typed_number(typed, "基线", "%")
