#!/usr/bin/env bash
# Keep the digest state (which issues were sent, which are hidden) on a branch of the repository
# that runs the workflow. actions/cache evicts entries not used for 7 days, so a weekly digest
# kept there can forget what it sent; a branch stays until someone deletes it.
#
# Usage: action-state.sh restore|save
# Environment: STATE_BRANCH, STATE_DIR (ossmatch's cache dir + /digest), GITHUB_TOKEN (needs
# contents: write to save), GITHUB_SERVER_URL, GITHUB_REPOSITORY, RUNNER_TEMP (set by Actions);
# STATE_FILES, the files or folders kept (default: the digest's; `cohort` for ossmatch cohort).
set -euo pipefail

mode="${1:?usage: action-state.sh restore|save}"
remote="${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}.git"
work="${RUNNER_TEMP:?}/ossmatch-state-git"
# Written only after a successful restore: a run that could not read the branch must not
# overwrite it with an empty state.
marker="${STATE_DIR:?}/.restored-from-branch"
read -r -a files <<<"${STATE_FILES:-sent.json hidden.json}"

# The token travels in git's environment (GIT_CONFIG_*), never on a command line or in a file.
authed_git() {
  local basic
  basic="$(printf 'x-access-token:%s' "${GITHUB_TOKEN:-}" | base64 | tr -d '\n')"
  echo "::add-mask::$basic"
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraheader GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $basic" \
    git -C "$work" "$@"
}

restore() {
  rm -rf "$work" && mkdir -p "$work" "$STATE_DIR"
  git -C "$work" init -q
  local found=0
  authed_git ls-remote --exit-code --heads "$remote" "refs/heads/$STATE_BRANCH" >/dev/null || found=$?
  if [ "$found" -eq 2 ]; then
    echo "No branch $STATE_BRANCH yet: the first digest starts with an empty state."
    git -C "$work" checkout -q --orphan "$STATE_BRANCH"
  elif [ "$found" -ne 0 ]; then
    echo "::error::cannot read branch $STATE_BRANCH of $GITHUB_REPOSITORY (git exit $found); not running, so earlier issues are not sent again"
    exit 1
  else
    authed_git fetch -q --depth=1 "$remote" "+refs/heads/$STATE_BRANCH:refs/remotes/origin/$STATE_BRANCH"
    git -C "$work" checkout -q -B "$STATE_BRANCH" "refs/remotes/origin/$STATE_BRANCH"
    for name in "${files[@]}"; do
      if [ -e "$work/$name" ]; then cp -R "$work/$name" "$STATE_DIR/"; fi
    done
    echo "Restored the digest state from branch $STATE_BRANCH."
  fi
  touch "$marker"
}

save() {
  if [ ! -f "$marker" ]; then
    echo "The digest state was not restored, so it is not saved (the branch is left as it was)."
    return 0
  fi
  for name in "${files[@]}"; do
    if [ -e "$STATE_DIR/$name" ]; then
      rm -rf "${work:?}/$name"
      cp -R "$STATE_DIR/$name" "$work/"
      find "$work/$name" -name '*.lock' -delete  # ossmatch's lock files are not state
      git -C "$work" add -A "$name"
    fi
  done
  printf '%s\n' "This branch holds the state of the ossmatch digest workflow: which issues earlier" \
    "digests sent (sent.json) and which are hidden (hidden.json). The workflow updates it; delete" \
    "the branch to start afresh." >"$work/README.md"
  git -C "$work" add README.md
  if git -C "$work" diff --cached --quiet; then
    echo "The digest state is unchanged."
    return 0
  fi
  git -C "$work" -c user.name="github-actions[bot]" \
    -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit -q -m "ossmatch digest state"
  authed_git push -q "$remote" "HEAD:refs/heads/$STATE_BRANCH"
  echo "Saved the digest state to branch $STATE_BRANCH."
}

case "$mode" in
  restore) restore ;;
  save) save ;;
  *) echo "::error::unknown mode '$mode': use restore or save" && exit 2 ;;
esac
