#!/usr/bin/env bash
# Builds the site a second time in a fresh copy of the repository, in the other time zone and
# locale, and compares the result with ./dist byte for byte. Run after `npm run build`.
# The two environments are TZ=UTC LANG=C and TZ=Asia/Shanghai LANG=zh_CN.UTF-8: CI builds ./dist
# with the first (.ci/run exports it), this script rebuilds with the second (or the other way round
# when ./dist was built under Asia/Shanghai). Node's ICU reads TZ and LANG itself, so the check holds
# even where the glibc zh_CN locale is not installed; the script prints what Node resolved in each.
set -euo pipefail
here=$(pwd)
[ -d "$here/dist" ] || { echo "check-determinism: build first (npm run build)"; exit 2; }
node="$here/node_modules/.bin/node"
if [ "${TZ:-}" = "Asia/Shanghai" ]; then tz=UTC; lang=C; else tz=Asia/Shanghai; lang=zh_CN.UTF-8; fi
probe='const o = Intl.DateTimeFormat().resolvedOptions(); console.log(o.timeZone + " " + o.locale + " " + new Date(0).toString())'
first=$("$node" -e "$probe")
second=$(env TZ=$tz LANG=$lang LC_ALL=$lang "$node" -e "$probe")
echo "check-determinism: first build ran as:  $first (TZ=${TZ:-unset} LANG=${LANG:-unset})"
echo "check-determinism: second build runs as: $second (TZ=$tz LANG=$lang)"
[ "$first" != "$second" ] || { echo "check-determinism: FAILED — both environments look the same to Node; set TZ/LANG for the first build"; exit 1; }
other=$(mktemp -d /tmp/glassbox-determinism-XXXXXX)
trap 'rm -rf "$other" "$other.log" "$other.diff"' EXIT
# Tracked files plus untracked ones git does not ignore: what the first build saw (a clean clone in CI).
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$other"
cp -al "$here/node_modules" "$other/node_modules"
echo "check-determinism: building in $other"
(cd "$other" && env TZ=$tz LANG=$lang LC_ALL=$lang npm run build >"$other.log" 2>&1) || { tail -40 "$other.log"; exit 1; }
if diff -r -q "$here/dist" "$other/dist" >"$other.diff"; then
  echo "check-determinism: dist/ is byte-identical ($(find "$here/dist" -type f | wc -l) files)"
else
  echo "check-determinism: FAILED — builds differ:"; head -20 "$other.diff"; exit 1
fi
