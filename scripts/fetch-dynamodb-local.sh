#!/usr/bin/env bash
# Fetches DynamoDB Local into .tools/dynamodb-local (git-ignored), once.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_dynamodb_local
echo "$DYNAMODB_LOCAL_DIR"
