"""The code blocks of README.md, docs/*.md and examples/*/README.md run as written.

- The ```python blocks of one Markdown file run in order in one new interpreter, as a reader
  would type them into one session (a later block uses what an earlier one made).
- Each ```c block is compiled with the project's warnings as errors against include/ and the
  library under test (AGROSIM_LIB), and run; it must exit 0.
- Each ```json block must parse.
- A line that ends in ``# -> TEXT`` (python) or ``/* -> TEXT */`` (C) also checks what it
  gives: a print() or printf() line prints TEXT; a python expression's value equals TEXT, a
  Python literal. Words must be equal, but a decimal number may differ by one unit of its
  last printed digit, as tests/python/test_examples.py allows. A remark may follow TEXT after
  ``  # `` (python).
- A block whose fence follows the line ``<!-- fragment -->`` (or ``<!-- fragment: why -->``;
  GitHub shows nothing of it) is part of a program, not one: it is not run, but every
  agro_/AGRO_ name in a C fragment must be declared in include/agrosim/.
- Blocks in other languages (sh, text, none) are not run here: they build, install, or run the
  command-line tool, whose commands tests/cli/*.sh check.

The blocks run in a working folder laid out as the docs assume: the repository's models/ and
examples/ in ``agrosim/``, which is the current folder, the DSSAT data in
``../shared/validation`` (AGROSIM_VALIDATION_DIR), and the results of the README's first
command in ``results/``. Whatever the blocks write lands there, in pytest's tmp_path.
"""
import ast
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tokenize

import pytest

from agrosim import testing

SRC = testing.source_dir()
FENCE = re.compile(r"^(\s*)(`{3,})([\w+-]*)\s*$")
FRAGMENT = re.compile(r"^<!--\s*fragment\b.*-->\s*$")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")
C_WARNINGS = ["-std=c11", "-Wall", "-Wextra", "-Wconversion", "-Wshadow",
              "-Wstrict-prototypes", "-Werror"]


def doc_files(root=SRC):
    """The Markdown files whose code blocks are checked, relative to root."""
    names = ["README.md"]
    for d, pattern in (("docs", r".+\.md$"), ("examples", None)):
        base = os.path.join(root, d)
        for n in sorted(os.listdir(base)):
            if pattern and re.match(pattern, n):
                names.append(d + "/" + n)
            elif not pattern and os.path.isfile(os.path.join(base, n, "README.md")):
                names.append("%s/%s/README.md" % (d, n))
    return names


def blocks(path, name=None):
    """Fenced code blocks of a Markdown file: dicts with file, line (of the opening fence),
    lang, code and fragment (the marker line before the fence)."""
    name = name or path
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.groups()
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        assert j < len(lines), "%s:%d: code block without its closing fence" % (name, i + 1)
        prev = [x for x in lines[:i] if x.strip()][-1:] or [""]
        body = [x[len(indent):] if x.startswith(indent) else x.lstrip() for x in lines[i + 1:j]]
        out.append(dict(file=name, line=i + 1, lang=lang.lower(), code="\n".join(body) + "\n",
                        fragment=bool(FRAGMENT.match(prev[0].strip()))))
        i = j + 1
    return out


def all_blocks(root=SRC):
    return [b for n in doc_files(root) for b in blocks(os.path.join(root, n), n)]


# ---- what a line says it gives -------------------------------------------------------------

def _same_words(got, want):
    """Printed text against the text a doc gives: words equal, a decimal within one unit of
    its last printed digit. Returns None or what differs."""
    g, w = got.replace("-", " - ").split(), want.replace("-", " - ").split()
    if len(g) != len(w):
        return "prints %r, the doc says %r" % (got, want)
    for a, b in zip(g, w):
        if a == b:
            continue
        if NUMBER.match(a) and NUMBER.match(b) and "." in b:
            if abs(float(a) - float(b)) <= 1.0001 * 10.0 ** -(len(b) - b.index(".") - 1):
                continue
        return "prints %r, the doc says %r (%r against %r)" % (got, want, a, b)
    return None


def _same_value(got, node, text):
    """A value against the literal a doc gives (node: its AST; text: its source)."""
    if isinstance(node, (ast.Tuple, ast.List)):
        if hasattr(got, "tolist"):
            got = got.tolist()
        if not isinstance(got, (tuple, list)) or len(got) != len(node.elts):
            return "gives %r, the doc says %s" % (got, text)
        for g, e in zip(got, node.elts):
            why = _same_value(g, e, text)
            if why:
                return why
        return None
    want = ast.literal_eval(node)
    if isinstance(want, float) and not isinstance(got, (str, bytes)):
        digits = ast.get_source_segment(text, node).lstrip("+-")
        ulp = 10.0 ** -(len(digits) - digits.index(".") - 1) if "." in digits else 1.0
        if abs(float(got) - want) <= 1.0001 * ulp:
            return None
    elif got == want:
        return None
    return "gives %r, the doc says %s" % (got, text)


def _expectations(code):
    """{line of the block (1-based): text} from the ``# -> TEXT`` comments of python code."""
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT and tok.string.startswith("# -> "):
            out[tok.start[0]] = tok.string[5:].split("  # ")[0].strip()
    return out


class _Checks(ast.NodeTransformer):
    """Wrap each expression statement that carries a ``# -> `` comment into a check."""

    def __init__(self, want):
        self.want, self.used = want, set()

    def visit_Expr(self, node):
        line = node.end_lineno
        if line not in self.want:
            return node
        self.used.add(line)
        v = node.value
        is_print = isinstance(v, ast.Call) and getattr(v.func, "id", None) == "print"
        thunk = ast.Lambda(ast.arguments([], [], None, [], [], None, []), v)
        call = ast.Call(ast.Name("__doc_check", ast.Load()),
                        [ast.Constant(line), ast.Constant(is_print), thunk], [])
        return ast.copy_location(ast.Expr(call), node)


def _run_session(session):
    """Run the python blocks of one Markdown file (the child interpreter's side). Exit 1 with
    the file, the line and the reason at the first block that raises or gives another value."""
    import contextlib
    import traceback
    ns = {"__name__": "__main__"}
    for b in session:
        code, first = b["code"], b["line"] + 1     # block line 1 is the line after the fence
        where = "%s:%%d" % b["file"]
        want = _expectations(code)
        tree = ast.parse(code)
        checks = _Checks(want)
        tree = ast.fix_missing_locations(checks.visit(tree))
        for line in set(want) - checks.used:
            sys.exit("%s: '# -> ' on a line that is no expression statement"
                     % (where % (first + line - 1)))
        ast.increment_lineno(tree, first - 1)

        def check(line, is_print, thunk, want=want, where=where, first=first):
            text = want[line]
            if is_print:
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    thunk()
                sys.stdout.write(buf.getvalue())
                why = _same_words(buf.getvalue().rstrip("\n"), text)
            else:
                why = _same_value(thunk(), ast.parse(text, mode="eval").body, text)
            if why:
                sys.exit("%s: %s" % (where % (first + line - 1), why))

        ns["__doc_check"] = check
        try:
            exec(compile(tree, b["file"], "exec"), ns)
        except Exception:
            tb = traceback.format_exc()
            sys.exit("%s (block at line %d) raised:\n%s" % (b["file"], b["line"], tb))


# ---- the working folder ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """<tmp>/agrosim with models/ and examples/ of the source tree and results/ of the README's
    first command, beside <tmp>/shared/validation."""
    top = tmp_path_factory.mktemp("docs")
    os.makedirs(top / "shared")
    os.symlink(os.path.realpath(testing.validation_dir()), top / "shared" / "validation")
    repo = top / "agrosim"
    os.makedirs(repo)
    for d in ("models", "examples"):
        os.symlink(os.path.join(SRC, d), repo / d)
    r = subprocess.run([testing.cli_path(), "run", "examples/morogoro/morogoro.json",
                        "-o", "results/morogoro.h5", "--summary", "results/morogoro_summary.csv",
                        "--quiet"], cwd=str(repo), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return repo


def _python_session(session, cwd):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, os.path.abspath(__file__), "--session"],
                          input=json.dumps(session), cwd=str(cwd), env=env,
                          capture_output=True, text=True, timeout=120)


def _c_program(block, cwd):
    """Compile and run one C block in cwd; returns (stage, CompletedProcess)."""
    cc = shlex.split(os.environ.get("CC", "")) or [shutil.which("cc")]
    assert cc[0], "no C compiler (cc) for the docs' C blocks"
    lib = os.path.realpath(os.environ.get("AGROSIM_LIB") or testing.lib.path)
    stem = "block_%s_%d" % (re.sub(r"\W", "_", block["file"]), block["line"])
    (cwd / (stem + ".c")).write_text(block["code"])
    # the sanitizer pass preloads libasan for python and asks for instrumented programs
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    flags = shlex.split(os.environ.get("AGROSIM_DOC_CFLAGS", ""))
    r = subprocess.run(cc + C_WARNINGS + flags + ["-I", os.path.join(SRC, "include"),
                       stem + ".c", "-o", stem, lib, "-Wl,-rpath," + os.path.dirname(lib)],
                       cwd=str(cwd), env=env, capture_output=True, text=True)
    if r.returncode != 0:
        return "compile", r
    return "run", subprocess.run(["./" + stem], cwd=str(cwd), env=env, capture_output=True,
                                 text=True, timeout=60)


def _c_expectations(code):
    return [m.group(1).strip() for m in re.finditer(r"/\* -> (.*?)\*/", code)]


def _check_c(block, cwd):
    """None, or why the C block fails."""
    stage, r = _c_program(block, cwd)
    where = "%s:%d" % (block["file"], block["line"])
    if r.returncode != 0:
        return "%s: %s failed (%d):\n%s%s" % (where, stage, r.returncode, r.stdout, r.stderr)
    printed = r.stdout.splitlines()
    for want in _c_expectations(block["code"]):
        if not any(_same_words(line, want) is None for line in printed):
            return "%s: no printed line reads %r; it printed:\n%s" % (where, want, r.stdout)
    return None


# ---- the tests ------------------------------------------------------------------------------

BLOCKS = all_blocks()
PY_FILES = sorted({b["file"] for b in BLOCKS if b["lang"] == "python" and not b["fragment"]})
C_BLOCKS = [b for b in BLOCKS if b["lang"] == "c" and not b["fragment"]]


def test_the_docs_have_the_blocks_this_test_runs():
    """A parser that found nothing would pass everything."""
    assert "docs/python.md" in PY_FILES and "docs/scenario.md" in PY_FILES
    assert sum(b["file"] == "docs/python.md" for b in BLOCKS if b["lang"] == "python") >= 9
    assert any(b["file"] == "README.md" for b in C_BLOCKS)
    assert any(b["fragment"] and b["lang"] == "c" for b in BLOCKS)


@pytest.mark.parametrize("doc", PY_FILES)
def test_python_blocks_run_as_written(doc, workdir):
    session = [b for b in BLOCKS if b["file"] == doc and b["lang"] == "python"
               and not b["fragment"]]
    r = _python_session(session, workdir)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("block", C_BLOCKS, ids=lambda b: "%s:%d" % (b["file"], b["line"]))
def test_c_blocks_compile_and_run_as_written(block, workdir):
    why = _check_c(block, workdir)
    assert why is None, why


def test_c_fragments_name_only_declared_api():
    headers = ""
    inc = os.path.join(SRC, "include", "agrosim")
    for n in sorted(os.listdir(inc)):
        headers += open(os.path.join(inc, n), encoding="utf-8").read()
    declared = set(re.findall(r"\b(?:agro|AGRO)_\w+", headers))
    unknown = ["%s:%d: %s" % (b["file"], b["line"], name)
               for b in BLOCKS if b["lang"] == "c" and b["fragment"]
               for name in sorted(set(re.findall(r"\b(?:agro|AGRO)_\w+", b["code"])))
               if name not in declared]
    assert not unknown, unknown


def test_json_blocks_parse():
    bad = []
    for b in BLOCKS:
        if b["lang"] == "json" and not b["fragment"]:
            try:
                json.loads(b["code"])
            except ValueError as e:
                bad.append("%s:%d: %s" % (b["file"], b["line"], e))
    assert not bad, bad


def test_every_fragment_marker_stands_before_a_block():
    """A marker a blank line too far up, or above prose, would mark nothing and go unnoticed."""
    bad = []
    for name in doc_files():
        lines = open(os.path.join(SRC, name), encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            if FRAGMENT.match(line.strip()):
                nxt = [x for x in lines[i + 1:] if x.strip()][:1]
                if not nxt or not FENCE.match(nxt[0]):
                    bad.append("%s:%d" % (name, i + 1))
    assert not bad, bad


def test_the_checker_fails_a_block_that_raises_or_says_otherwise(tmp_path):
    """The same checks on blocks that are wrong on purpose: each must fail."""
    for code in ("import agrosim\nagrosim.Weather.load('no.WTH')\n",
                 "x = 2\nx * 3  # -> 7\n",
                 "print('yield', 1216)  # -> yield 1218\n",
                 "print('yield', 1216.4)  # -> yield 1216.2\n",
                 "'MZ'  # -> 'MX'\n",
                 "(100.0, 0.9)  # -> 100.0, 0.7  # a remark\n",
                 "x = 1  # -> 1\n"):
        r = _python_session([dict(file="bad.md", line=1, code=code)], tmp_path)
        assert r.returncode != 0, code
    ok = "(100.0, 0.9)  # -> 100.0, 0.91  # one unit of the last digit\nprint(1)  # -> 1\n"
    r = _python_session([dict(file="good.md", line=1, code=ok)], tmp_path)
    assert r.returncode == 0, r.stderr
    for code in ("int main(void) { return 1; }\n",
                 "int main(void) { double d = 1.5; int i = d; return i - 1; }\n",
                 '#include <stdio.h>\nint main(void) { printf("a 1\\n"); return 0; } '
                 "/* -> a 2 */\n"):
        assert _check_c(dict(file="bad.md", line=1, code=code), tmp_path), code


if __name__ == "__main__" and sys.argv[1:] == ["--session"]:
    _run_session(json.load(sys.stdin))
