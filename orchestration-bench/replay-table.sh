#!/usr/bin/env bash
# Reproduces the table in docs/cascade.md: every configuration below through `replay` on the RouterBench train
# split (2,205 prompts). Run from the repository root after
#   mvn -B -o -q -pl orchestration-bench -am install -DskipTests
# DATA defaults to ../shared/data/routerbench (the data never goes into the repository).
set -euo pipefail
DATA=${DATA:-../shared/data/routerbench}
ALL="$DATA/arc_challenge_train.csv,$DATA/mbpp_train.csv,$DATA/winograde_train.csv"
JAR=orchestration-bench/target/orchestration-bench.jar
CONF=orchestration-bench/src/main/resources/replay

row() { # row "label" "verifier" args...
  local label=$1 verifier=$2; shift 2
  local out
  out=$(java -jar "$JAR" replay --data "$ALL" "$@" 2>/dev/null) || { echo "| $label | $verifier | FAILED: $* |"; return; }
  local last esc
  last=$(printf '%s\n' "$out" | tail -1)
  esc=$(printf '%s\n' "$out" | sed -n 's/^escalation rate: \([0-9.]*\).*/\1/p')
  local acc cost
  acc=$(printf '%s\n' "$last" | sed -n 's/.*accuracy=\([0-9.]*\) frontier.*/\1/p')
  cost=$(printf '%s\n' "$last" | sed -n 's/.*cost_ratio=\([0-9.]*\).*/\1/p')
  echo "| $label | $verifier | $acc | $cost | $esc |"
}

MID='llm.tiers.mid.models[0]'
PEER='llm.tiers.peer.models[0]'
ARC='llm.cascade.tasks.arc-challenge'

echo "| configuration | verifier | accuracy | cost ratio | escalation rate |"
echo "|---|---|---|---|---|"
for m in gpt-4-1106-preview claude-v1 zero-one-ai/Yi-34B-Chat mistralai/mixtral-8x7b-chat gpt-3.5-turbo-1106 \
    claude-instant-v1 meta/llama-2-70b-chat meta/code-llama-instruct-34b-chat mistralai/mistral-7b-chat \
    WizardLM/WizardLM-13B-V1.2 claude-v2; do
  row "single model: $m" "none" --single "$m" --task-hints
done
row "rules only: mbpp->gpt-3.5, winogrande->gpt-4, arc->mixtral" "none" --task-hints --set llm.cascade.enabled=false
row "rules only: mbpp->gpt-3.5, winogrande->gpt-4, arc->Yi-34B" "none" --task-hints --set llm.cascade.enabled=false \
  --set 'llm.routing.rules[2].tier=peer'
row "rules only: mbpp->gpt-3.5, winogrande->gpt-4, arc->gpt-4" "none" --task-hints --set llm.cascade.enabled=false \
  --set 'llm.routing.rules[2].tier=frontier'
row "rules + validators on mbpp and winogrande (gpt-3.5/gpt-4 -> gpt-4), arc->mixtral" \
  "non-empty, not-truncated, refusal" --task-hints --set llm.cascade.verifiers=non-empty,not-truncated,refusal \
  --set llm.cascade.path=code,frontier --set "$ARC.verifiers=non-empty" --set "$ARC.path=mid"
row "**recommended**: rules + arc: mixtral, agree with Yi-34B, else gpt-4" "agreement (choice)" --task-hints
row "rules + arc: Yi-34B, agree with mixtral, else gpt-4" "agreement (choice)" --task-hints \
  --set "$MID.id=yi-mid" --set "$MID.model=zero-one-ai/Yi-34B-Chat" \
  --set "$PEER.id=mixtral-peer" --set "$PEER.model=mistralai/mixtral-8x7b-chat"
row "rules + arc: mixtral, agree with gpt-3.5, else gpt-4" "agreement (choice)" --task-hints \
  --set "$PEER.id=gpt-35-peer" --set "$PEER.model=gpt-3.5-turbo-1106"
row "rules + arc: gpt-3.5, agree with mixtral, else gpt-4" "agreement (choice)" --task-hints \
  --set "$MID.id=gpt-35-mid" --set "$MID.model=gpt-3.5-turbo-1106" \
  --set "$PEER.id=mixtral-peer" --set "$PEER.model=mistralai/mixtral-8x7b-chat"
row "rules + arc: mistral-7b, agree with mixtral, else gpt-4" "agreement (choice)" --task-hints \
  --set "$MID.id=mistral-mid" --set "$MID.model=mistralai/mistral-7b-chat" \
  --set "$PEER.id=mixtral-peer" --set "$PEER.model=mistralai/mixtral-8x7b-chat"
row "rules + arc: claude-instant, agree with Yi-34B, else gpt-4" "agreement (choice)" --task-hints \
  --set "$MID.id=claude-instant-mid" --set "$MID.model=claude-instant-v1"
row "recommended + winogrande: mixtral, agree with Yi-34B, else gpt-4" "agreement (choice)" --task-hints \
  --set 'llm.routing.rules[1].tier=mid' --set llm.cascade.tasks.winogrande.verifiers=non-empty,agreement \
  --set llm.cascade.tasks.winogrande.agreement-tier=peer --set llm.cascade.tasks.winogrande.normalizer=choice \
  --set llm.cascade.tasks.winogrande.path=mid,frontier --set llm.cascade.tasks.winogrande.max-escalations=1
for e in 0 0.1 0.2; do
  row "all tasks: mixtral -> gpt-4" "recorded-truth, error $e (SENSITIVITY, not a real judge)" --task-hints \
    --config "$CONF/truth-mixtral-gpt4.yml" --judge-error "$e"
done
for e in 0 0.1 0.2; do
  row "all tasks: mistral-7b -> mixtral -> gpt-4" "recorded-truth, error $e (SENSITIVITY, not a real judge)" \
    --task-hints --config "$CONF/truth-mistral-mixtral-gpt4.yml" --judge-error "$e"
done
row "recommended, WITHOUT --task-hints (no hint: everything to gpt-4)" "none reached" 
