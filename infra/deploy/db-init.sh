#!/bin/sh
# The application's schema owner: least privilege (LOGIN CREATEROLE, owner of its database; no superuser, no
# BYPASSRLS). CREATEROLE lets it create the runtime role on the first start and keep its password in step.
set -e
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
create role meterledger login createrole nosuperuser nobypassrls password '${DB_PASSWORD}';
create database meterledger owner meterledger;
SQL
