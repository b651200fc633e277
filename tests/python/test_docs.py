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
- The ```sh blocks of one Markdown file run in order in one bash, as a reader would type them
  into one terminal (block 2 uses the variable block 1 sets), in a folder laid out as the
  repository: every entry of the source tree, build/ the build under test (its cli/ on PATH),
  ../shared/validation the DSSAT data, HOME an empty folder written /home/you in the docs, and
  no AGROSIM_*, PYTHONPATH, PKG_CONFIG_PATH or LD_LIBRARY_PATH but what the blocks set (cc is
  the C blocks' compiler, with their flags). A command that exits with another status than 0,
  or an unset variable, fails the file. A line ``# -> TEXT`` checks that some line of the
  session's standard output reads TEXT (as for C). The commands that cannot run as written
  here (a build of the whole project, the whole test suite, paths outside the test's folder)
  run in the form SH_FORMS gives, each with why; an entry that no longer matches its file
  fails the test, so no command leaves its check unnoticed.
- A sh fragment must say why it is not run (``<!-- fragment: why -->``), and every option of
  its agrosim commands must be one that ``agrosim help COMMAND`` names.
- Blocks in other languages (text, none) are not checked; a shell block tagged bash, shell or
  console fails, as it would escape the checks of sh blocks.

The python and C blocks run in a working folder laid out as the docs assume: the repository's
models/ and examples/ in ``agrosim/``, which is the current folder, the DSSAT data in
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
FRAGMENT = re.compile(r"^<!--\s*fragment\b(?:\s*:\s*(.*?))?\s*-->\s*$")
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
    lang, code, fragment (the marker line before the fence) and why (the marker's reason)."""
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
        marker = FRAGMENT.match(prev[0].strip())
        out.append(dict(file=name, line=i + 1, lang=lang.lower(), code="\n".join(body) + "\n",
                        fragment=bool(marker), why=(marker.group(1) or "") if marker else ""))
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


# ---- the sh blocks --------------------------------------------------------------------------

# (file, pattern, replacement, why): the commands of a file's sh blocks that run in another
# form than written. A pattern that matches nothing in its file fails the file's test, so a
# changed command cannot leave its entry behind.
SH_FORMS = [
    ("README.md", r"/opt/agrosim\b", "$DOC_TMP/opt/agrosim",
     "the test installs the build under test into a folder of its own, not /opt"),
    ("docs/python.md", r"^cmake -S ", "doc_cmake_configure -S ",
     "a configure and build of the whole project takes minutes: the configure line is checked "
     "against the build under test (doc_cmake_configure)"),
    ("docs/python.md", r"\bcmake --build ", "doc_cmake_build --build ",
     "the build under test stands at build/ already (doc_cmake_build)"),
    ("docs/python.md", r" -m pytest ", " -m pytest --collect-only ",
     "the whole suite is this test's own run, 20 s to minutes: pytest parses the block's options "
     "and imports every test module in the block's environment, which must find the library, "
     "the package and the docs"),
    ("examples/morogoro/README.md", r"(?<=\s)/tmp/", "$DOC_TMP/",
     "the shared /tmp is not the test's to write"),
]

# Run before the blocks. The DEBUG trap stops the session at the first command that fails, even
# one inside `a && b` or before a `|`, which `set -e` lets through.
SH_PRELUDE = r"""set -u -o pipefail
trap '_rc=$?; if [ $_rc -ne 0 ]; then echo "doc_failed $_rc $_doc_line" >&2; exit $_rc; fi; _doc_line=$LINENO' DEBUG
# the compiler that built the library, as for the C blocks (sanitizer flags included)
cc() { env -u LD_PRELOAD $DOC_CC "$@"; }
# The sanitizer passes preload their runtime for python, which loads the instrumented library
# after start-up (libtsan cannot be loaded then); bash itself dies at start with libtsan
# preloaded (SIGSEGV), so the session runs without it and hands it to python alone.
if [ -n "$DOC_PRELOAD" ]; then
  /usr/bin/python3() { LD_PRELOAD=$DOC_PRELOAD command /usr/bin/python3 "$@"; }
  python3() { LD_PRELOAD=$DOC_PRELOAD command python3 "$@"; }
fi
# `cmake -S SRC -B BUILD -DNAME=VALUE...`: SRC is the agrosim source tree, BUILD a configured
# build and every NAME a variable of its CMakeCache.txt, which lists every option of the project
doc_cmake_configure() {
  local src="" bld="" vars="" v
  while [ $# -gt 0 ]; do
    case $1 in
      -S) src=$2; shift ;;
      -B) bld=$2; shift ;;
      -D?*) v=${1#-D}; vars="$vars ${v%%[:=]*}" ;;
      *) echo "cmake $1: not an argument doc_cmake_configure knows" >&2; return 2 ;;
    esac
    shift
  done
  grep -q '^project(agrosim ' "$src/CMakeLists.txt" || { echo "cmake -S '$src': not agrosim's source tree" >&2; return 1; }
  [ -f "$bld/CMakeCache.txt" ] || { echo "cmake -B '$bld': no configured build" >&2; return 1; }
  for v in $vars; do
    grep -q "^$v:" "$bld/CMakeCache.txt" || { echo "cmake -D$v: no such variable in $bld/CMakeCache.txt" >&2; return 1; }
  done
}
# `cmake --build BUILD [-j N]`: BUILD is a configured build
doc_cmake_build() {
  [ "$1" = --build ] && [ -f "$2/CMakeCache.txt" ] || { echo "cmake --build '$2': no configured build" >&2; return 1; }
  shift 2
  local a
  for a in "$@"; do
    case $a in -j|-j[0-9]*|--parallel|[0-9]*) ;; *) echo "cmake --build $a: not an argument doc_cmake_build knows" >&2; return 2 ;; esac
  done
}
"""
HOME_IN_DOCS = "/home/you"


def _build_dir():
    """The build under test: AGROSIM_BINARY_DIR, else the build tree of the loaded library."""
    build = os.environ.get("AGROSIM_BINARY_DIR") or os.path.dirname(
        os.path.dirname(os.path.realpath(testing.lib.path)))
    for part in ("CMakeCache.txt", "cli/agrosim", "lib/libagrosim.so"):
        assert os.path.exists(os.path.join(build, part)), \
            "%s: no %s (AGROSIM_BINARY_DIR names the build folder)" % (build, part)
    return os.path.realpath(build)


def _repo_layout(top):
    """<top>/agrosim: every entry of the source tree (symlinked) and build/, the build under
    test; <top>/shared/validation; <top>/home/you. Returns the repository folder."""
    repo = top / "agrosim"
    os.makedirs(repo)
    for n in os.listdir(SRC):
        if n not in ("build", ".git"):
            os.symlink(os.path.join(SRC, n), repo / n)
    os.symlink(_build_dir(), repo / "build")
    os.makedirs(top / "shared")
    os.symlink(os.path.realpath(testing.validation_dir()), top / "shared" / "validation")
    os.makedirs(top / "home" / "you")
    return repo


def _sh_env(top):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AGROSIM") and k not in ("PYTHONPATH", "PKG_CONFIG_PATH",
                                                        "LD_LIBRARY_PATH", "CC", "LD_PRELOAD")}
    cc = shlex.split(os.environ.get("CC", "")) or ["cc"]
    env.update(HOME=str(top / "home" / "you"), DOC_TMP=str(top), PYTHONDONTWRITEBYTECODE="1",
               PATH=os.path.join(_build_dir(), "cli") + os.pathsep + os.environ["PATH"],
               DOC_CC=" ".join(cc + shlex.split(os.environ.get("AGROSIM_DOC_CFLAGS", ""))),
               DOC_PRELOAD=os.environ.get("LD_PRELOAD", ""))
    return env


def _sh_setup(session, repo):
    """What a file's sh blocks take as done before them."""
    if session[0]["file"] == "README.md":
        # "Build against an installed copy (`cmake --install build --prefix /opt/agrosim`)" of
        # app.c, the C program above the block
        r = subprocess.run(["cmake", "--install", "build", "--prefix",
                            str(repo.parent / "opt" / "agrosim")], cwd=str(repo),
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        c = [b for b in BLOCKS if b["file"] == "README.md" and b["lang"] == "c"
             and not b["fragment"] and b["line"] < session[0]["line"]]
        (repo / "app.c").write_text(c[-1]["code"])


def _sh_outputs(code):
    return [m.group(1).strip() for m in re.finditer(r"(?:^|\s)# -> (.*)$", code, re.M)]


def _check_sh(session, top, forms=None, setup=True):
    """Run the sh blocks of one Markdown file in order in one bash, in <top>/agrosim; None, or
    why they fail."""
    forms = SH_FORMS if forms is None else forms
    name = session[0]["file"]
    repo = _repo_layout(top)
    if setup:
        _sh_setup(session, repo)
    script, where = [SH_PRELUDE], {}
    n = SH_PRELUDE.count("\n")
    codes = [b["code"] for b in session]
    for f, pattern, repl, why in forms:
        if f == name:
            hits = 0
            for i, code in enumerate(codes):
                codes[i], k = re.subn(pattern, repl, code, flags=re.M)
                hits += k
            if not hits:
                return "%s: SH_FORMS' pattern %r matches nothing: revise the entry" % (name, pattern)
    for b, code in zip(session, codes):
        script.append("# ---- %s:%d\n" % (name, b["line"]))
        n += 1
        for k in range(code.count("\n")):
            where[n + 1 + k] = "%s:%d" % (name, b["line"] + 1 + k)
        script.append(code)
        n += code.count("\n")
    script.append("true\n")     # the trap checks the last command of the blocks
    path = top / "session.sh"
    path.write_text("".join(script))
    r = subprocess.run(["bash", str(path)], cwd=str(repo), env=_sh_env(top),
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        m = (re.search(r"^doc_failed \d+ (\d+)$", r.stderr, re.M)
             or re.search(r"^%s: line (\d+): " % re.escape(str(path)), r.stderr, re.M))
        at = where.get(int(m.group(1)), "?") if m else "%s (session %s)" % (name, path)
        return "%s: exit %d:\n%s%s" % (at, r.returncode, r.stdout[-2000:], r.stderr[-3000:])
    home = _sh_env(top)["HOME"]
    printed = [line.replace(home, HOME_IN_DOCS) for line in r.stdout.splitlines()]
    for b in session:
        for want in _sh_outputs(b["code"]):
            if not any(_same_words(line, want) is None for line in printed):
                return "%s:%d: no printed line reads %r; the session printed:\n%s" % (
                    name, b["line"], want, "\n".join(printed))
    return None


def _check_sh_fragment(block):
    """Problems of a sh block that is not run: no reason given, or an agrosim command or
    option that the help does not name. `agrosim --help` gives the forms without a command
    (--version, version, help COMMAND), `agrosim help COMMAND` a command's options."""
    where = "%s:%d" % (block["file"], block["line"])
    if not block["why"]:
        return ["%s: a sh block that is not run says why: <!-- fragment: why -->" % where]
    bad, helps = [], {}

    def names(text, word):
        return re.search(r"(^|[ ,\[])%s([ ,=\]|)]|$)" % re.escape(word), text, re.M)

    def help_of(*args):
        if args not in helps:
            helps[args] = testing.run_cli(*args, check=False)
        return helps[args]

    for line in block["code"].replace("\\\n", " ").splitlines():
        try:
            lex = shlex.shlex(line, posix=True, punctuation_chars=True)
            lex.whitespace_split = True     # --data stays one word
            words = list(lex)
        except ValueError as e:
            bad.append("%s: %r: %s" % (where, line, e))
            continue
        at_command = True           # the next word is a command, or a VAR=value before one
        for i, w in enumerate(words):
            if w[0] in "&|;()":
                at_command = True
                continue
            if not at_command or re.match(r"^\w+=", w):
                continue
            at_command = False
            if w != "agrosim" and not w.endswith("/agrosim"):
                continue
            cmd = words[i + 1] if i + 1 < len(words) else ""
            top = help_of("--help").stdout
            if not cmd or re.search(r"\bagrosim %s(?![\w-])" % re.escape(cmd), top):
                continue
            h = help_of("help", cmd)
            if h.returncode != 0:
                bad.append("%s: agrosim %s: no such command" % (where, cmd))
                continue
            for o in words[i + 2:]:
                if o and o[0] in "&|;()<>":
                    break
                if o.startswith("-") and not NUMBER.match(o) and not names(h.stdout, o):
                    bad.append("%s: agrosim %s: 'agrosim help %s' names no %s"
                               % (where, cmd, cmd, o))
    return bad


# ---- the tests ------------------------------------------------------------------------------

BLOCKS = all_blocks()
PY_FILES = sorted({b["file"] for b in BLOCKS if b["lang"] == "python" and not b["fragment"]})
C_BLOCKS = [b for b in BLOCKS if b["lang"] == "c" and not b["fragment"]]
SH_FILES = sorted({b["file"] for b in BLOCKS if b["lang"] == "sh" and not b["fragment"]})


def test_the_docs_have_the_blocks_this_test_runs():
    """A parser that found nothing would pass everything."""
    assert "docs/python.md" in PY_FILES and "docs/scenario.md" in PY_FILES
    assert sum(b["file"] == "docs/python.md" for b in BLOCKS if b["lang"] == "python") >= 9
    assert any(b["file"] == "README.md" for b in C_BLOCKS)
    assert any(b["fragment"] and b["lang"] == "c" for b in BLOCKS)
    assert {"README.md", "docs/python.md", "docs/scenario.md", "docs/validation.md",
            "examples/morogoro/README.md"} <= set(SH_FILES), SH_FILES


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


@pytest.mark.parametrize("doc", SH_FILES)
def test_sh_blocks_run_as_written(doc, tmp_path):
    session = [b for b in BLOCKS if b["file"] == doc and b["lang"] == "sh" and not b["fragment"]]
    why = _check_sh(session, tmp_path)
    assert why is None, why


def test_shell_blocks_are_tagged_sh():
    """A block tagged bash, shell or console would escape the checks of the sh blocks."""
    bad = ["%s:%d: ```%s" % (b["file"], b["line"], b["lang"]) for b in BLOCKS
           if b["lang"] in ("bash", "shell", "console", "shell-session", "zsh")]
    assert not bad, bad


def test_sh_fragments_say_why_and_name_only_existing_options():
    bad = [p for b in BLOCKS if b["lang"] == "sh" and b["fragment"] for p in _check_sh_fragment(b)]
    assert not bad, bad


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


def test_the_sh_checker_fails_a_stale_block(tmp_path):
    """The docs' own sh blocks gone stale (a misspelt option, a moved file, a CMake variable
    or pytest option that does not exist), and wrong blocks of every kind: each must fail."""
    def doc_block(name, i, old, new):
        """The sh session of a doc with one change in its block i."""
        session = [dict(b) for b in BLOCKS if b["file"] == name and b["lang"] == "sh"
                   and not b["fragment"]]
        assert old in session[i]["code"], (name, old)
        session[i]["code"] = session[i]["code"].replace(old, new)
        return session

    def bad(code):
        return [dict(file="bad.md", line=1, code=code)]

    sessions = [doc_block("docs/validation.md", 0, "--trt 4", "--trtt 4"),
                doc_block("docs/scenario.md", 0, "morogoro.json", "morogor.json"),
                doc_block("docs/python.md", 0, "-DCMAKE_BUILD_TYPE", "-DCMAKE_BUILD_TYP"),
                doc_block("docs/python.md", 2, " -q ", " --no-such-option "),
                doc_block("README.md", 0, "/lib/pkgconfig", "/lib64/pkgconfig"),
                # the program does not start without the rpath, as the README says
                doc_block("README.md", 0, " -Wl,-rpath,$(pkg-config --variable=libdir agrosim)",
                          ""),
                bad("false && true\necho after\n"),
                bad("ls no-such-file | cat\necho after\n"),
                bad("echo $NO_SUCH_VARIABLE\n"),
                bad("echo 0.1.0 $HOME\n# -> 0.1.1 /home/you\n")]
    for i, session in enumerate(sessions):
        assert _check_sh(session, tmp_path / str(i)), session[0]["code"]
    unused = [("bad.md", r"no such command", "", "an entry that matches nothing")]
    assert _check_sh(bad("true\n"), tmp_path / "forms", forms=unused)
    ok = "echo 0.1.0 $HOME/agrosim\n# -> 0.1.0 /home/you/agrosim\n"
    assert _check_sh(bad(ok), tmp_path / "ok") is None

    def fragment(code, why="a reason"):
        return dict(file="bad.md", line=1, lang="sh", code=code, fragment=True, why=why)
    assert _check_sh_fragment(fragment("agrosim validate --data D --crop maize --csv v.csv\n",
                                       why=""))
    for code in ("agrosim run-dssat X.MZX --data D --trtt 4\n", "agrosim no-such-command\n",
                 "build/cli/agrosim --versio\n", "agrosim run S.json \\\n  -o r.h5 --quite\n"):
        assert _check_sh_fragment(fragment(code)), code
    assert not _check_sh_fragment(fragment(
        "agrosim run S.json -o r.h5 \\\n  --quiet && build/cli/agrosim --version  # a note\n"
        "agrosim version; agrosim help run-dssat\n"))
    # the docs' own sh blocks, read as fragments, pass
    assert not [p for b in BLOCKS if b["lang"] == "sh"
                for p in _check_sh_fragment(dict(b, fragment=True, why="a reason"))]


if __name__ == "__main__" and sys.argv[1:] == ["--session"]:
    _run_session(json.load(sys.stdin))
