#!/bin/sh
# System programs the end-to-end tests drive: tmux (a real terminal).
# Installs what is missing with apt-get when run as root; otherwise says what to install.
missing=""
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null
else
    echo "tests need:$missing (install them, then run the tests again)" >&2
    exit 1
fi
