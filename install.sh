#!/usr/bin/env bash
# Install policykb into .venv and index the bundled corpus: the one set-up command.
set -euo pipefail
cd "$(dirname "$0")"

python3 -m venv .venv
. .venv/bin/activate
pip install --quiet --upgrade pip
# the CPU build of torch first, or sentence-transformers pulls a multi-GB GPU build
pip install --quiet "torch==2.13.0"
pip install --quiet -e ".[all]"
policykb ingest
echo "ready: . .venv/bin/activate && policykb ask \"好品山东宣传推广由哪个部门牵头？\"" >&2
