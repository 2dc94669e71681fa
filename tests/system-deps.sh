#!/bin/sh
# System programs the end-to-end tests drive: tmux (a real terminal) and
# OpenSSH (a real server on 127.0.0.1 and its client), and pipx, which the
# README's install command uses with the system's Python; zsh and fish, whose
# syntax check the completion scripts must pass; chromium, the real browser
# the tests of ragft serve --web drive.
# Installs what is missing with apt-get when run as root; otherwise says what to install.
missing=""
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"
[ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
command -v zsh >/dev/null 2>&1 || missing="$missing zsh"
command -v fish >/dev/null 2>&1 || missing="$missing fish"
[ ! -x /usr/bin/python3 ] || command -v pipx >/dev/null 2>&1 || missing="$missing pipx"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "tests need:$missing (install them, then run the tests again)" >&2
    exit 1
fi
