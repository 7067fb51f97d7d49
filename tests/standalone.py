"""Run one of the test modules on its own: python3 tests/NAME_test.py.

Each module has run(record, root); run_tests.py passes its own record.
Alone, this prints PASS/FAIL lines and "N passed, N failed", and the exit
status says whether all passed.
"""
import os


def main(run):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    results = []

    def record(name, ok, message=""):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}{'' if ok else ': ' + message}", flush=True)

    run(record, root)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0
