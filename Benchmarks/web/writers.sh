#!/usr/bin/env bash
# One writing client of the web benchmark: records advances through the API until it has made
# COUNT of them, then prints "acknowledged N busy M failed K". Used by Benchmarks/web/run.
set -uo pipefail
url=$1 token=$2 client=$3 count=$4 code=$5
ok=0 busy=0 failed=0
for n in $(seq 1 "$count"); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"id\":\"W$client-$n\",\"enterprise\":\"$code\",\"bank\":\"济宁银行\",\"amount\":\"100000.00\",\"date\":\"2020-03-02\"}" \
        "$url/api/v1/bridge/advance")
    case $status in
        200) ok=$((ok + 1)) ;;
        503) busy=$((busy + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
done
echo "acknowledged $ok busy $busy failed $failed"
