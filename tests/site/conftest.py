def pytest_terminal_summary(terminalreporter):
    """Print each page's readability figures, so `make test` shows them even when they pass."""
    from .test_readability import FIGURES
    if not FIGURES:
        return
    terminalreporter.section("readability (English: Flesch-Kincaid grade, max 8; Spanish: Fernández-Huerta, min 60)")
    for name in sorted({name for _, name in FIGURES}):
        english, spanish = FIGURES.get(("en", name)), FIGURES.get(("es", name))
        terminalreporter.write_line(f"{name:30} en grade {english if english is None else f'{english:5.1f}'}"
                                    f"   es ease {spanish if spanish is None else f'{spanish:5.1f}'}")
