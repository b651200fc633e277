#!/bin/bash
# Packaging: install the build tree to a temporary prefix, move it (it must be relocatable),
# check what is installed, then build and run two consumer projects against it:
# tests/consumer/cmake (find_package) and tests/consumer/pkgconfig (pkg-config), each linking
# the shared and the static library.
set -u
: "${AGROSIM:?}" "${AGROSIM_SOURCE_DIR:?}" "${AGROSIM_BINARY_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }
need() { [ -e "$1" ] || die "not installed: ${1#$prefix/}"; }

version=$("$AGROSIM" --version | awk '{print $2}')
major=${version%%.*}
[ -n "$version" ] || { echo "FAIL: agrosim --version printed nothing"; exit 1; }

cmake --install "$AGROSIM_BINARY_DIR" --prefix "$tmp/inst" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
mv "$tmp/inst" "$tmp/moved"
prefix="$tmp/moved"
pc=$(find "$prefix" -name agrosim.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: no agrosim.pc installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")

# 1. the installed files
for h in agrosim.h core.h soil.h weather.h; do need "$prefix/include/agrosim/$h"; done
need "$libdir/libagrosim.a"
need "$libdir/libagrosim.so.$version"
[ -L "$libdir/libagrosim.so.$major" ] || die "libagrosim.so.$major is not a symlink"
[ -L "$libdir/libagrosim.so" ] || die "libagrosim.so is not a symlink"
soname=$(objdump -p "$libdir/libagrosim.so.$version" | awk '$1=="SONAME"{print $2}')
[ "$soname" = "libagrosim.so.$major" ] || die "SONAME is '$soname', expected libagrosim.so.$major"
for f in agrosimConfig.cmake agrosimConfigVersion.cmake agrosimTargets.cmake; do
  need "$libdir/cmake/agrosim/$f"
done
grep -q 'agrosim::agrosim' "$libdir/cmake/agrosim/agrosimTargets.cmake" || die "no target agrosim::agrosim exported"
grep -q '/usr/lib[^"]*\.so' "$libdir/cmake/agrosim/agrosimTargets.cmake" \
  && die "exported targets hold absolute library paths of the build machine"
need "$prefix/share/agrosim/models/soils/morogoro_sandy_clay_loam.json"

# the version file accepts the same major version only (SameMajorVersion)
compatible() { # requested-version -> prints TRUE/FALSE
  printf 'set(PACKAGE_FIND_VERSION "%s")\nstring(REPLACE "." ";" v "%s")\nlist(GET v 0 PACKAGE_FIND_VERSION_MAJOR)\nlist(GET v 1 PACKAGE_FIND_VERSION_MINOR)\ninclude("%s")\nmessage("${PACKAGE_VERSION_COMPATIBLE}")\n' \
    "$1" "$1" "$libdir/cmake/agrosim/agrosimConfigVersion.cmake" >"$tmp/v.cmake"
  cmake -P "$tmp/v.cmake" 2>&1
}
[ "$(compatible "$major.0")" = TRUE ] || die "version file rejects $major.0"
[ "$(compatible "$((major + 1)).0")" = FALSE ] || die "version file accepts $((major + 1)).0"

# 2. only the API is exported from the shared library
nm -D --defined-only "$libdir/libagrosim.so.$version" | awk 'NF==3{print $3}' >"$tmp/syms"
n_api=$(grep -c '^agro_' "$tmp/syms")
others=$(grep -v '^agro_' "$tmp/syms" | tr '\n' ' ')
[ "$n_api" -ge 20 ] || die "only $n_api agro_* symbols exported"
[ -z "$others" ] || die "symbols outside the API exported: $others"
for s in agro_version agro_soil_load_json agro_soil_load_dssat agro_ctx_message; do
  grep -qx "$s" "$tmp/syms" || die "$s not exported"
done
grep -qx 'agro_fail' "$tmp/syms" && die "internal agro_fail is exported"

# 3. the installed tool runs from the (moved) prefix through its RPATH
soil="$prefix/share/agrosim/models/soils/morogoro_sandy_clay_loam.json"
out=$(env -u LD_LIBRARY_PATH "$prefix/bin/agrosim" --version) || die "installed agrosim does not run"
[ "$out" = "agrosim $version" ] || die "installed agrosim --version: '$out'"
env -u LD_LIBRARY_PATH "$prefix/bin/agrosim" soil "$soil" --json | grep -q '"id": "MOROGORO_SCL"' \
  || die "installed agrosim soil failed"

check_run() { # name exe
  local got
  got=$(env -u LD_LIBRARY_PATH "$2" "$soil" 2>&1) || { die "$1: exit $? ($got)"; return; }
  echo "$got" | grep -qx "agrosim $version" || die "$1: version line missing in '$got'"
  echo "$got" | grep -q "^MOROGORO_SCL 8 layers, bottom 150 cm" || die "$1: soil line missing in '$got'"
}

# A sanitizer build (AGROSIM_SANITIZE, AGROSIM_SANITIZE_THREAD) installs instrumented
# libraries: consumers need the same runtime on their link line.
san=""
needed=$(objdump -p "$libdir/libagrosim.so.$version")
echo "$needed" | grep -q 'NEEDED.*libasan' && san="-fsanitize=address,undefined"
echo "$needed" | grep -q 'NEEDED.*libtsan' && san="-fsanitize=thread"

# 4. consumer project with find_package(agrosim)
if cmake -S "$AGROSIM_SOURCE_DIR/tests/consumer/cmake" -B "$tmp/cmake-build" \
     -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
     -DCMAKE_C_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" >"$tmp/c.log" 2>&1 \
   && cmake --build "$tmp/cmake-build" -j2 >>"$tmp/c.log" 2>&1; then
  check_run "cmake consumer (shared)" "$tmp/cmake-build/consumer_shared"
  check_run "cmake consumer (static)" "$tmp/cmake-build/consumer_static"
  ldd "$tmp/cmake-build/consumer_shared" | grep -q "$prefix.*libagrosim.so.$major" \
    || die "cmake consumer (shared) does not use the installed libagrosim.so"
  ldd "$tmp/cmake-build/consumer_static" | grep -q libagrosim && die "cmake consumer (static) needs libagrosim.so"
else
  cat "$tmp/c.log"; die "cmake consumer project did not build"
fi

# 5. consumer project with pkg-config; the static archive's dependencies come from Requires.private
static_libs=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --static --libs agrosim)
for l in -lagrosim -lgsl -lcjson -lhdf5 -lm; do
  echo " $static_libs " | grep -q -- " $l " || die "pkg-config --static --libs agrosim lacks $l: $static_libs"
done
mkdir -p "$tmp/pc-build"
if PKG_CONFIG_PATH="$libdir/pkgconfig" make -s -C "$AGROSIM_SOURCE_DIR/tests/consumer/pkgconfig" \
     OUT="$tmp/pc-build" CFLAGS="-O2 -Wall -Wextra $san" >"$tmp/p.log" 2>&1; then
  check_run "pkg-config consumer (shared)" "$tmp/pc-build/consumer_shared"
  check_run "pkg-config consumer (static)" "$tmp/pc-build/consumer_static"
  ldd "$tmp/pc-build/consumer_static" | grep -q libagrosim && die "pkg-config consumer (static) needs libagrosim.so"
else
  cat "$tmp/p.log"; die "pkg-config consumer project did not build"
fi

[ $fail -eq 0 ] && echo "consumer: install, symbols, find_package and pkg-config consumers all pass"
exit $fail
