"""Build a fixed set of models with one source tree, for byte-for-byte comparisons between trees.

The restructure of the package must not change a single output byte. `build_all(tree, out)`
builds every case below with the package found in `tree` (a checkout or an extracted commit)
through its own command line, so two trees can be compared file by file.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
from other_company import acme  # noqa: E402
from quarterly_company import quarterly  # noqa: E402


def _inputs(folder: Path, example: Path) -> dict[str, Path]:
    """Assumptions files the cases read: a previous version of the example, and two test companies."""
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["valuation"]["target_multiple"]["value"] = 4.5          # an earlier target and revenue view
    data["revenue"]["segments"][0]["growth"]["values"][0] += 0.05
    files = {"previous": data, "acme": acme(), "quarterly": quarterly(), "hostile": _hostile(example)}
    paths = {}
    for name, content in files.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def _hostile(example: Path) -> dict:
    """The example with text that must stay literal (issue 17): markup, links, pipes, an external
    reference, control characters, and a name past Excel's 255-character header and property limits."""
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["units"].update({"money_en": "='\\\\host\\share\\[x.xlsx]Sheet1'!A1",
                          "market_symbol": "<script>alert(1)</script>|", "money_zh": "[x](javascript:alert(1))"})
    data["company"]["name_en"] = "Kingsoft | *Cloud* <b>&</b> " + "x" * 300
    data["thesis"][0]["en"] = "# heading [link](javascript:x) | pipe\nnewline \x1b[31m"
    data["report"]["broker"]["en"] = "Broker & Co `code`"
    data["valuation"]["peers"][0]["name_en"] = "<img src=x>|peer"
    return data


def cases(example: Path, inputs: dict[str, Path]) -> dict[str, list[str]]:
    """Case name -> `build` arguments (without --out)."""
    return {
        "default": [],
        "bear": ["--scenario", "bear"],
        "previous": [str(example), "--previous", str(inputs["previous"])],
        "protect": [str(example), "--protect"],
        "acme": [str(inputs["acme"])],
        "quarterly": [str(inputs["quarterly"])],
        "hostile": [str(inputs["hostile"])],
    }


def build_all(tree: Path, out: Path) -> dict[str, dict[str, bytes]]:
    """Case -> file name -> bytes, every case built by the package in `tree`."""
    tree = tree.resolve()
    example = tree / "builder" / "examples" / "kingsoft_cloud.yaml"
    inputs = _inputs(out / "inputs", example)
    env = dict(os.environ, PYTHONPATH=str(tree))
    result = {}
    for name, args in cases(example, inputs).items():
        folder = out / name
        folder.mkdir(parents=True)
        run = subprocess.run([sys.executable, "-m", "builder", "build", *args, "--out", str(folder)],
                             cwd=tree, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            raise AssertionError(f"{name} failed with {tree}: {run.stderr.strip()[-2000:]}")
        result[name] = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    return result


if __name__ == "__main__":  # python tests/identity_cases.py TREE_A TREE_B OUT: compare two trees by hand
    a, b, out = map(Path, sys.argv[1:4])
    left, right = build_all(a, out / "a"), build_all(b, out / "b")
    for case in left:
        for f in sorted(set(left[case]) | set(right[case])):
            same = left[case].get(f) == right[case].get(f)
            print(f"{'same' if same else 'DIFF'}  {case}/{f}")
