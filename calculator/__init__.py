"""Washington medical-records calculator: copy fees and response deadlines, as cited data.

Pure standard library, no clock and no I/O beyond reading its own data files, so it runs unchanged
in CPython and in the browser under Pyodide.
"""
from .answers import answer
from .boundary import handle_json
from .deadlines import deadline
from .errors import CalculatorError
from .fees import copy_fee

__all__ = ["answer", "handle_json", "deadline", "copy_fee", "CalculatorError"]
