#!/usr/bin/env bash
# The help: `agrosim --help`, `agrosim help COMMAND` and `agrosim COMMAND --help` (or -h) exit 0,
# print on stdout only, list every command the tool dispatches, and name every option that each
# command parses (read from the command's C function), so that the help cannot fall behind the
# parser (cli/help.c). A bad option's usage error quotes the same synopsis as the help.
# Env (set by ctest): AGROSIM, AGROSIM_SOURCE_DIR, AGROSIM_BINARY_DIR.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cli="$AGROSIM_SOURCE_DIR/cli"
tmp="$AGROSIM_BINARY_DIR/tests/cli_help_tmp"
rm -rf "$tmp"
mkdir -p "$tmp"

# ok OUTFILE ARGS...: agrosim ARGS exits 0, prints something on stdout and nothing on stderr
ok() {
  local out=$1
  shift
  "$AGROSIM" "$@" >"$out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -eq 0 ] || bad "agrosim $*: exit $rc ($(head -c 300 "$tmp/err"))"
  [ -s "$out" ] || bad "agrosim $*: nothing on stdout"
  [ ! -s "$tmp/err" ] || bad "agrosim $*: wrote on stderr: $(head -c 300 "$tmp/err")"
}

ok "$tmp/all" --help
ok "$tmp/all_h" -h
ok "$tmp/all_help" help
cmp -s "$tmp/all" "$tmp/all_h" || bad "agrosim -h differs from agrosim --help"
cmp -s "$tmp/all" "$tmp/all_help" || bad "agrosim help differs from agrosim --help"
# help about help itself: `agrosim help COMMAND` and `agrosim COMMAND --help` with COMMAND help
for form in "help help" "help --help" "help -h"; do
  ok "$tmp/help_help" $form
  cmp -s "$tmp/all" "$tmp/help_help" || bad "agrosim $form differs from agrosim --help"
done
# `agrosim version` is an alias of --version, and the help says so
ok "$tmp/version" --version
ok "$tmp/version_alias" version
grep -qx 'agrosim [0-9][0-9.]*' "$tmp/version" || bad "agrosim --version: $(cat "$tmp/version")"
cmp -s "$tmp/version" "$tmp/version_alias" || bad "agrosim version differs from agrosim --version"
grep -qF -- 'agrosim --version   (or agrosim version)' "$tmp/all" || bad "agrosim --help does not give agrosim version"
# ... and it answers help as a command does, and refuses an argument (it ignored one)
for form in "help version" "help --version" "version --help" "--version -h"; do
  ok "$tmp/vhelp" $form
  head -1 "$tmp/vhelp" | grep -qx 'usage: agrosim --version   (or agrosim version)' || bad "agrosim $form: $(head -3 "$tmp/vhelp")"
done
for form in "version extra" "--version 2"; do
  "$AGROSIM" $form >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'takes no argument' "$tmp/err" || bad "agrosim $form: exit $rc, stdout $(cat "$tmp/out"), stderr $(cat "$tmp/err")"
done

# the commands main.c dispatches, and the ones the help lists
dispatched=$(grep -oE '\{"[a-z-]+", cmd_[a-z_]+\}' "$cli/main.c" | sed -E 's/\{"([a-z-]+)".*/\1/' | sort)
listed=$(sed -n '/^commands:/,$p' "$tmp/all" | sed -n 's/^  \([a-z-]*\) .*/\1/p' | sort)
[ -n "$dispatched" ] || bad "no command found in cli/main.c"
[ "$dispatched" = "$listed" ] || bad "agrosim --help lists [$(echo $listed)], main.c dispatches [$(echo $dispatched)]"

for c in $dispatched; do
  ok "$tmp/$c.help" help "$c"
  ok "$tmp/$c.long" "$c" --help
  ok "$tmp/$c.short" "$c" -h
  cmp -s "$tmp/$c.help" "$tmp/$c.long" || bad "agrosim $c --help differs from agrosim help $c"
  cmp -s "$tmp/$c.help" "$tmp/$c.short" || bad "agrosim $c -h differs from agrosim help $c"
  # help wins over the rest of the line, even over arguments that would be errors
  ok "$tmp/$c.mixed" "$c" --no-such-option '' --help
  cmp -s "$tmp/$c.help" "$tmp/$c.mixed" || bad "agrosim $c --no-such-option '' --help is not the help"
  synopsis=$(sed -n '1s/^usage: agrosim //p' "$tmp/$c.help")
  [ -n "$synopsis" ] || bad "agrosim help $c: no usage line"
  grep -qxF "  $synopsis" "$tmp/all" || bad "agrosim --help does not list the synopsis of $c"

  # every option literal of the command's function (and of the DSSAT method options it calls)
  fn="cmd_${c//-/_}"
  src=$(grep -l "^int $fn(" "$cli"/cmd_*.c)
  [ -n "$src" ] || { bad "no function $fn in cli/"; continue; }
  awk -v fn="$fn" '$0 ~ "^int " fn "\\(" {on=1} on {print} on && /^}/ {exit}' "$src" >"$tmp/$c.c"
  opts=$(grep -oE '"-[-a-z0-9]+"' "$tmp/$c.c" | tr -d '"' | grep -vx -- '--' | sort -u)
  if grep -q 'cli_dssat_method_option' "$tmp/$c.c"; then
    opts="$opts $(grep -oE '"--[a-z0-9-]+"' "$cli/dssat_notes.c" | tr -d '"' | sort -u)"
  fi
  [ -n "$opts" ] || bad "no option found in $fn"
  for o in $opts; do
    grep -qE -- "(^|[ ,\[])$o([ ,]|$)" "$tmp/$c.help" || bad "agrosim help $c does not name $o (parsed in $fn)"
  done

  # a bad option's usage error quotes the synopsis
  "$AGROSIM" "$c" --no-such-option >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] || bad "agrosim $c --no-such-option: exit $rc, want 2"
  grep -qF -- "$synopsis" "$tmp/err" || bad "agrosim $c --no-such-option: the error does not quote the synopsis: $(cat "$tmp/err")"
done

"$AGROSIM" help no-such-command >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || bad "agrosim help no-such-command: exit $rc, want 2"
[ ! -s "$tmp/out" ] || bad "agrosim help no-such-command: wrote on stdout"
grep -qF 'unknown command "no-such-command"' "$tmp/err" || bad "agrosim help no-such-command: $(cat "$tmp/err")"

[ "$fail" -eq 0 ] && echo "help: every command's help checked" && rm -rf "$tmp"
exit "$fail"
