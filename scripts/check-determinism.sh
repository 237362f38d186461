#!/usr/bin/env bash
# Builds the site a second time in a fresh copy of the repository, in another time zone and
# locale, and compares the result with ./dist byte for byte. Run after `npm run build`
# (which CI runs with TZ/LANG of the machine; this one uses Asia/Shanghai and zh_CN.UTF-8,
# or UTC and C when the first was Asia/Shanghai).
set -euo pipefail
here=$(pwd)
[ -d "$here/dist" ] || { echo "check-determinism: build first (npm run build)"; exit 2; }
other=$(mktemp -d /tmp/glassbox-determinism-XXXXXX)
trap 'rm -rf "$other"' EXIT
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$other"
cp -al "$here/node_modules" "$other/node_modules"
if [ "${TZ:-}" = "Asia/Shanghai" ]; then tz=UTC; lang=C; else tz=Asia/Shanghai; lang=zh_CN.UTF-8; fi
echo "check-determinism: building in $other with TZ=$tz LANG=$lang"
(cd "$other" && TZ=$tz LANG=$lang LC_ALL=$lang npm run build >"$other.log" 2>&1) || { tail -40 "$other.log"; exit 1; }
if diff -r -q "$here/dist" "$other/dist" >"$other.diff"; then
  echo "check-determinism: dist/ is byte-identical ($(find "$here/dist" -type f | wc -l) files)"
else
  echo "check-determinism: FAILED — builds differ:"; head -20 "$other.diff"; exit 1
fi
