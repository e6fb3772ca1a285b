"""Money forms: every written shape of a dollar amount reads as the right bounds."""

import pytest

from extractors.money import find_amounts


@pytest.mark.parametrize(
    ("text", "low", "high", "approx"),
    [
        ("capex of $48 billion", 48e9, 48e9, False),
        ("a budget of $2.75bn", 2.75e9, 2.75e9, False),
        ("spending of USD 12bn", 12e9, 12e9, False),
        ("about 9 billion dollars", 9e9, 9e9, True),
        ("in the range of 2.0 to 2.2 billion dollars", 2.0e9, 2.2e9, False),
        ("between $30 and $34 billion", 30e9, 34e9, False),
        ("$18-20 billion", 18e9, 20e9, False),
        ("$26–$28 billion", 26e9, 28e9, False),
        ("$7 billion to $7.5 billion", 7e9, 7.5e9, False),
        ("$850 million to $1.1 billion", 850e6, 1.1e9, False),
        ("$95B+ of spend", 95e9, None, False),
        ("more than $40 billion", 40e9, None, False),
        ("at least $3bn", 3e9, None, False),
        ("up to $6 billion", None, 6e9, False),
        ("approximately $11.2 billion", 11.2e9, 11.2e9, True),
        ("roughly $900 million", 900e6, 900e6, True),
        ("~$14B", 14e9, 14e9, True),
        ("$450m", 450e6, 450e6, False),
        ("$1.3 trillion", 1.3e12, 1.3e12, False),
        ("$2,400 million", 2.4e9, 2.4e9, False),
        ("$60 billion or more", 60e9, None, False),
        ("expected to exceed $30 billion", 30e9, None, False),
    ],
)
def test_money_forms(text, low, high, approx):
    (amount,) = find_amounts(text)
    assert (amount.low, amount.high, amount.approximate) == (low, high, approx)


def test_two_separate_amounts_joined_by_and_are_not_a_range():
    amounts = find_amounts("revenue of $52 billion and capex of $17 billion")
    assert [(a.low, a.high) for a in amounts] == [(52e9, 52e9), (17e9, 17e9)]


def test_move_from_one_level_to_another_is_two_amounts():
    amounts = find_amounts("it raised the outlook from $50 billion to $55 billion")
    assert [(a.low, a.high) for a in amounts] == [(50e9, 50e9), (55e9, 55e9)]


def test_range_from_to_after_range_verb_stays_a_range():
    (amount,) = find_amounts("spending is expected to range from $50 billion to $55 billion")
    assert (amount.low, amount.high) == (50e9, 55e9)


def test_offsets_point_at_the_amount_text():
    text = "Capex hit $9.1 billion."
    (amount,) = find_amounts(text, offset=100)
    assert text[amount.start - 100 : amount.end - 100] == "$9.1 billion"


def test_unscaled_small_amounts_are_marked():
    (amount,) = find_amounts("returns $3.10 for every dollar")
    assert amount.low == 3.10 and not amount.scaled


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("gross capex will be no more than $18B in 2026", None, 18e9),
        ("capex kept under $300 million", None, 300e6),
        ("spending below $14B next year", None, 14e9),
        ("capital spending not to exceed $2 billion", None, 2e9),
        ("no less than $5 billion of capex", 5e9, None),
        ("more than $100 billion", 100e9, None),
    ],
)
def test_an_upper_bound_only_has_no_low_and_a_floor_no_high(text, low, high):
    """'no more than' holds 'more than': the ceiling must win, or a cap reads as a floor."""
    (amount,) = find_amounts(text)
    assert (amount.low, amount.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("capex of $100 billion-plus", 100e9, None),
        ("a $100-billion-plus build-out", 100e9, None),
        ("a $64-to-$72 billion range", 64e9, 72e9),
        ("capex of $5 billion or less", None, 5e9),
    ],
)
def test_hyphenated_and_open_forms(text, low, high):
    (a,) = find_amounts(text)
    assert (a.low, a.high) == (low, high)


def test_any_whitespace_before_a_scale():
    """Python's \\s includes NEL (U+0085); the scale word after it still reads."""
    (a,) = find_amounts("$2\x85bn")
    assert (a.low, a.high) == (2e9, 2e9)
