#!/usr/bin/env bash
# Runs once in the postgres container's first start: one database and one login role per subgraph
# and one for the gateway (its subgraph registry); only that role (and superusers) may connect to it.
set -euo pipefail
for name in activities organizations volunteering evaluations gateway; do
  password_var="${name^^}_DB_PASSWORD"
  password="${!password_var:?$password_var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE kepuri_${name} LOGIN PASSWORD '${password}';
CREATE DATABASE kepuri_${name} OWNER kepuri_${name};
REVOKE CONNECT ON DATABASE kepuri_${name} FROM PUBLIC;
SQL
done
