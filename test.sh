#!/usr/bin/env bash
# Runs every test in the repository and ends with one summary line: "N passed, N failed, N skipped".
# Tests that need a server (Azurite, the Cosmos test server, SQLite) start it themselves; the npm packages for the
# emulators are installed by the test fixtures on first use.
set -uo pipefail
cd "$(dirname "$0")"

# The PDF tests check files with the tools a person would use: qpdf and poppler (pdftotext, pdfinfo). The workbook
# tests open the .xlsx files with LibreOffice Calc (headless) and with Debian's python3-openpyxl.
missing=()
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing+=(python3-openpyxl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null 2>&1 \
      || echo "could not install ${missing[*]}"
  else
    echo "missing ${missing[*]}: install with 'sudo apt-get install --no-install-recommends ${missing[*]}'; the PDF and workbook checks fail without them"
  fi
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
projects=(tests/ProgressFunctions.Core.Tests tests/ProgressFunctions.Integration.Tests tests/ProgressFunctions.FunctionApp.Tests)

# Every project of the solution builds first, the Function App and the benchmarks included; a failed build is a
# failed run even where no test project depends on the project that broke.
echo "== build"
if ! dotnet build ProgressFunctions.sln --nologo --configuration Release; then
  echo "the build failed"
  echo "build" >> "$results/missing"
  status=1
fi

for project in "${projects[@]}"; do
  name=$(basename "$project")
  echo "== $name"
  if ! dotnet test "$project" --nologo --configuration Release --no-build \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results"; then
    status=1
  fi
  if [ ! -f "$results/$name.trx" ]; then
    echo "$name: no test results (the build or the test host failed)"
    echo "missing" >> "$results/missing"
    status=1
  fi
done

# The test hosts write under progress-tests-{process id} in the temporary folder (TestFolders), and the runner ends
# them without letting them clean up; remove the folders of every host that has ended.
for folder in "${TMPDIR:-/tmp}"/progress-tests-*; do
  [ -d "$folder" ] || continue
  kill -0 "${folder##*-}" 2>/dev/null || rm -rf "$folder"
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ -f "$results/missing" ]; then
  failed=$((failed + $(wc -l < "$results/missing")))
fi

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
