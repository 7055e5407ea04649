#!/usr/bin/env bash
# The votes-and-ensembles sweep of docs/cascade.md ("Votes and ensembles"): each row is one `replay --task-hints`
# run on the RouterBench train split (2,205 prompts). mbpp always goes to gpt-3.5 (code cannot be voted on by text);
# arc-challenge and winogrande each get an ensemble (pick: vote, members asked one after the other, stop once the
# vote is decided, gpt-4 when no answer reaches the quorum) or gpt-4 alone. The configurations are generated into a
# temporary directory. Run from the repository root after
#   mvn -B -o -q -pl orchestration-bench -am package -DskipTests
# DATA defaults to ../shared/data/routerbench (the data never goes into the repository).
set -euo pipefail
DATA=${DATA:-../shared/data/routerbench}
ALL="$DATA/arc_challenge_train.csv,$DATA/mbpp_train.csv,$DATA/winograde_train.csv"
JAR=${JAR:-orchestration-bench/target/orchestration-bench.jar}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

declare -A MODEL=([mixtral]=mistralai/mixtral-8x7b-chat [yi]=zero-one-ai/Yi-34B-Chat [gpt35]=gpt-3.5-turbo-1106
  [instant]=claude-instant-v1 [llama]=meta/llama-2-70b-chat [mistral7]=mistralai/mistral-7b-chat
  [wizard]=WizardLM/WizardLM-13B-V1.2 [codellama]=meta/code-llama-instruct-34b-chat [frontier]=gpt-4-1106-preview)

task() { # task NAME "members" quorum "weights"   (members "" = gpt-4 alone)
  local name=$1 members=$2 quorum=$3 weights=$4
  if [ -z "$members" ]; then
    echo "      $name: { verifiers: [] }"
    return
  fi
  local first=${members%% *}
  echo "      $name:"
  echo "        verifiers: [non-empty]"
  echo "        path: [$first, frontier]"
  echo "        ensemble:"
  echo "          members: [${members// /, }]"
  echo "          pick: vote"
  echo "          quorum: $quorum"
  echo "          normalizer: choice"
  echo "          max-concurrency: 1"
  echo "          escalate-to: frontier"
  [ -n "$weights" ] && echo "          weights: { $weights }"
  return 0
}

conf() { # conf FILE "arc members" arcQuorum "arc weights" "wino members" winoQuorum "wino weights"
  local file=$1 arcFirst winoFirst
  arcFirst=${2%% *}; winoFirst=${5%% *}
  {
    echo "llm:"
    echo "  tiers:"
    echo "    code: { models: [ { id: gpt35-code, chat-model: replayChatModel, model: gpt-3.5-turbo-1106 } ] }"
    for tier in "${!MODEL[@]}"; do
      echo "    $tier: { models: [ { id: $tier, chat-model: replayChatModel, model: ${MODEL[$tier]} } ] }"
    done
    echo "  routing:"
    echo "    default-tier: frontier"
    echo "    rules:"
    echo "      - { when: { task: mbpp }, tier: code }"
    echo "      - { when: { task: arc-challenge }, tier: ${arcFirst:-frontier} }"
    echo "      - { when: { task: winogrande }, tier: ${winoFirst:-frontier} }"
    echo "  cascade:"
    echo "    enabled: true"
    echo "    verifiers: []"
    echo "    tasks:"
    task arc-challenge "$2" "$3" "$4"
    task winogrande "$5" "$6" "$7"
  } > "$file"
}

N=0
row() { # row "label" arc... wino...   (ONLY="3 5" runs just those rows, numbered from 1)
  local label=$1; shift
  N=$((N + 1))
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $N "* ]]; then return; fi
  local file="$TMP/row.yml" out last acc cost esc
  conf "$file" "$@"
  out=$(java -jar "$JAR" replay --data "$ALL" --task-hints --config "$file" 2>/dev/null) || { echo "| $label | FAILED |"; return; }
  last=$(printf '%s\n' "$out" | tail -1)
  esc=$(printf '%s\n' "$out" | sed -n 's/^escalation rate: \([0-9.]*\).*/\1/p')
  acc=$(printf '%s\n' "$last" | sed -n 's/.*accuracy=\([0-9.]*\) frontier.*/\1/p')
  cost=$(printf '%s\n' "$last" | sed -n 's/.*cost_ratio=\([0-9.]*\).*/\1/p')
  echo "| $label | $acc | $(awk "BEGIN{printf \"%.1f %%\", 100*$acc/0.8794}") | $cost | $esc |"
}

LOGIT_ARC='yi: 2.16, instant: 1.54, llama: 1.37'   # log(p/(1-p)) of each model's train accuracy on arc-challenge
LOGIT_WINO='yi: 1.15, mixtral: 0.74, gpt35: 0.54, mistral7: 0.25'   # the same on winogrande
echo "| arc-challenge / winogrande (mbpp: gpt-3.5) | accuracy | of gpt-4 | cost ratio | escalation rate |"
echo "|---|---|---|---|---|"
row "mixtral+mistral-7b+Yi q2 / Yi+mistral-7b+mixtral weighted q1.25" "mixtral mistral7 yi" 2 "" "yi mistral7 mixtral" 1.25 "yi: 0.76, mistral7: 0.56, mixtral: 0.68"
row "mixtral+Yi+claude-instant q2 / Yi+mixtral+gpt-3.5 plain q2" "mixtral yi instant" 2 "" "yi mixtral gpt35" 2 ""
row "mixtral+Yi+claude-instant q2 / Yi+mixtral+gpt-3.5 weighted q1.5" "mixtral yi instant" 2 "" "yi mixtral gpt35" 1.5 "$LOGIT_WINO"
row "mixtral+Yi+claude-instant q2 / mixtral+Yi q2 (votes-25)" "mixtral yi instant" 2 "" "mixtral yi" 2 ""
row "Yi+claude-instant+llama-70b weighted q3 / mixtral+Yi q2" "yi instant llama" 3 "$LOGIT_ARC" "mixtral yi" 2 ""
row "Yi+claude-instant+llama-70b plain q3 / mixtral+Yi q2" "yi instant llama" 3 "" "mixtral yi" 2 ""
row "mixtral+Yi q2 / mixtral+Yi q2" "mixtral yi" 2 "" "mixtral yi" 2 ""
row "mixtral+Yi+claude-instant q3 / mixtral+Yi q2" "mixtral yi instant" 3 "" "mixtral yi" 2 ""
row "mixtral+Yi q2 / mixtral+Yi+WizardLM q3" "mixtral yi" 2 "" "mixtral yi wizard" 3 ""
row "mixtral+Yi q2 / mixtral+Yi+llama-70b q3 (votes-40)" "mixtral yi" 2 "" "mixtral yi llama" 3 ""
row "mixtral+Yi q2 / gpt-4 alone (issue 4's recommended)" "mixtral yi" 2 "" "" "" ""
