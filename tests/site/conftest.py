from calculator.languages import languages


def _bound(readability: dict) -> str:
    return (f"{readability['formula']} {'max' if 'at_most' in readability else 'min'} "
            f"{readability.get('at_most', readability.get('at_least'))}")


def pytest_terminal_summary(terminalreporter):
    """Print each page's readability figures, so `make test` shows them even when they pass (a language
    textstat cannot measure, Vietnamese, has no column). Each figure comes in its test's report
    (tests/site/test_readability.py), so it is here however many processes ran the tests."""
    figures = {(lang, name): score
               for reports in terminalreporter.stats.values() for report in reports
               if getattr(report, "when", None) == "call"
               for key, (lang, name, score) in getattr(report, "user_properties", ()) if key == "readability"}
    if not figures:
        return
    measured = [code for code, language in languages().items() if language.readability]
    terminalreporter.section("readability (" + "; ".join(f"{code}: {_bound(languages()[code].readability)}"
                                                         for code in measured) + ")")
    for name in sorted({name for _, name in figures}):
        row = (figures.get((code, name)) for code in measured)
        terminalreporter.write_line(f"{name:30}" + "".join(f"  {code} {'  -  ' if figure is None else f'{figure:5.1f}'}"
                                                           for code, figure in zip(measured, row)))
