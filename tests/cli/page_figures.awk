# Checks that pages give the figures a command printed, and reports every stale one.
#
#   awk -v root=SOURCE_DIR -f page_figures.awk CHECKS
#
# CHECKS has one check a line, three fields separated by tabs: the page (relative to root), what
# printed the figures (for the message) and a template: the page's text with each figure written
# {as printed}, e.g.
#   README.md<TAB>validate<TAB>yield {967} kg/ha, {14.5} %, bias {-15}, d {0.972}
# A figure written {kg:2.05} is a page's kg/ha that must round to the printed t/ha, and {*} is a
# number of the page that is not checked (it only places the others: a figure of another command
# in the same sentence or table row).
# The page is read with its line breaks and runs of blanks as one blank. The template's text
# between the figures must occur exactly once in the page with a number in every slot, so a
# check finds the figure whatever the page says; each figure that differs is reported with the
# page, the line and both values, a template found nowhere or in several places as such.
# Figures compare as written, '−' read as '-' and a leading '+' dropped: 0.97 is not 0.970.
# A message quotes the page around the figure, cut to a few dozen characters: where awk counts
# bytes (mawk; any awk under LC_ALL=C, as the scripts run it) the cut backs off to a character's
# first byte, since half a UTF-8 character ('−', '×', '²') makes grep take ctest's log for binary.
# Exit status 1 if any check failed.
BEGIN {
    FS = "\t"; minus = "−"; numre = "^(" minus "|[-+])?[0-9]+([.][0-9]+)?"; bad = 0
    # the UTF-8 continuation bytes 0x80-0xBF, where length counts bytes (3 for the minus sign)
    if (length(minus) == 3) for (i = 128; i < 192; i++) cont = cont sprintf("%c", i)
}

# does s hold a UTF-8 continuation byte at k (never, where awk counts characters)?
function inside(s, k) { return cont != "" && k >= 1 && k <= length(s) && index(cont, substr(s, k, 1)) > 0 }

function norm(v) { if (index(v, minus) == 1) v = "-" substr(v, length(minus) + 1); sub(/^[+]/, "", v); return v }

function load(page,    f, line, n) {
    if (page in loaded) return loaded[page]
    f = root "/" page
    text[page] = ""; n = 0
    while ((getline line < f) > 0) {
        gsub(/[ \t]+/, " ", line); sub(/^ /, "", line); sub(/ $/, "", line)
        if (text[page] != "") text[page] = text[page] " "
        start[page, ++n] = length(text[page]) + 1
        text[page] = text[page] line
    }
    close(f)
    nlines[page] = n
    loaded[page] = n > 0
    return loaded[page]
}

function line_of(page, pos,    lo, hi, mid) {
    lo = 1; hi = nlines[page]
    while (lo < hi) { mid = int((lo + hi + 1) / 2); if (start[page, mid] <= pos) lo = mid; else hi = mid - 1 }
    return lo
}

# a page's kg/ha that rounds to the printed t/ha
function rounds(kg, want,    d, u, k) {
    k = index(want, "."); u = k ? 10 ^ -(length(want) - k) : 1
    d = kg / 1000 - want; if (d < 0) d = -d
    return d <= 0.5001 * u
}

function fail(msg) { print "FAIL: " msg; bad = 1 }

# the template split into lit[0] {val[1]} lit[1] ... {val[n]} lit[n]
function parse(t,    n, a, b) {
    n = 0
    while ((a = index(t, "{")) > 0) {
        b = index(substr(t, a), "}")
        if (b == 0) break
        lit[n] = substr(t, 1, a - 1); n++
        val[n] = substr(t, a + 1, b - 2)
        t = substr(t, a + b)
    }
    lit[n] = t
    return n
}

# does the structure match at position p? fills got[] and the end position
function match_at(s, p, n,    i, pos, r) {
    pos = p + length(lit[0])
    for (i = 1; i <= n; i++) {
        r = substr(s, pos, 64)
        if (!match(r, numre)) return 0
        got[i] = substr(r, 1, RLENGTH); at[i] = pos; pos += RLENGTH
        if (substr(s, pos, length(lit[i])) != lit[i]) return 0
        pos += length(lit[i])
    }
    mend = pos
    return 1
}

NF != 3 { fail(FILENAME ":" FNR ": a check needs a page, a source and a template: " $0); next }
{
    page = $1; source = $2; shown = $3; gsub(/[{}]|kg:/, "", shown)
    if (!load(page)) { fail(page ": cannot read it (" root "/" page ")"); next }
    n = parse($3)
    if (n == 0 || lit[0] == "") { fail(FILENAME ":" FNR ": a template starts with text and holds a {figure}: " $3); next }
    s = text[page]; found = 0; where = ""; from = 1
    while ((k = index(substr(s, from), lit[0])) > 0) {
        p = from + k - 1
        if (match_at(s, p, n)) {
            if (++found == 1) { m0 = p; m1 = mend; for (i = 1; i <= n; i++) { g[i] = got[i]; ga[i] = at[i] } }
            where = where (where == "" ? "" : ", ") line_of(page, p)
        }
        from = p + 1
    }
    if (found == 0) { fail(page ": says nowhere \"" shown "\" with any figures (" source "): reworded? update the check with the page"); next }
    if (found > 1) { fail(page ": \"" $3 "\" matches " found " places (lines " where "): the check needs more of the text around its figures"); next }
    for (i = 1; i <= n; i++) {
        kg = 0; want = val[i]
        if (want == "*") continue
        if (want ~ /^kg:/) { kg = 1; want = substr(want, 4) }
        disp = want; pg = norm(g[i]); want = norm(want)
        if (kg ? rounds(pg, want) : pg == want) continue
        if (kg) disp = disp " t/ha"
        left = substr(s, m0, ga[i] - m0); right = substr(s, ga[i] + length(g[i]), m1 - ga[i] - length(g[i]))
        if (length(left) > 90) { k = length(left) - 86; while (inside(left, k)) k++; left = "..." substr(left, k) }
        if (length(right) > 40) { k = 37; while (k > 0 && inside(right, k + 1)) k--; right = substr(right, 1, k) "..." }
        ctx = left "[" g[i] "]" right
        fail(page ":" line_of(page, ga[i]) ": page says " g[i] " where " source " prints " disp ": \"" ctx "\"")
    }
}
END { exit bad }
