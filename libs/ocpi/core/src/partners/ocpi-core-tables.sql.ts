const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

function checked(schema: string): string {
  if (!SCHEMA.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return schema;
}

/**
 * The OCPI partner registry, in the service's own schema: partners (tokens, state), the roles a
 * partner registered with, the endpoints it offers. Call from one of the app's migrations.
 */
export function ocpiCoreTablesUpSql(schema: string): string[] {
  const s = checked(schema);
  return [
    `CREATE TABLE "${s}"."ocpi_partners" (
      "id" uuid PRIMARY KEY,
      "name" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('PENDING', 'REGISTERED', 'UNREGISTERED')),
      "declared_roles" jsonb NOT NULL,
      "token_a" text NULL,
      "server_token" text NULL,
      "previous_server_token" text NULL,
      "client_token" text NULL,
      "accept_raw_tokens" boolean NOT NULL DEFAULT false,
      "outgoing_token_encoding" text NOT NULL DEFAULT 'base64'
        CHECK ("outgoing_token_encoding" IN ('base64', 'raw')),
      "versions_url" text NULL,
      "version" text NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "registered_at" timestamptz NULL
    )`,
    `CREATE UNIQUE INDEX "ocpi_partners_token_a_uq" ON "${s}"."ocpi_partners" ("token_a") WHERE "token_a" IS NOT NULL`,
    `CREATE UNIQUE INDEX "ocpi_partners_server_token_uq" ON "${s}"."ocpi_partners" ("server_token") WHERE "server_token" IS NOT NULL`,
    `CREATE UNIQUE INDEX "ocpi_partners_previous_server_token_uq" ON "${s}"."ocpi_partners" ("previous_server_token") WHERE "previous_server_token" IS NOT NULL`,
    `CREATE TABLE "${s}"."ocpi_partner_roles" (
      "partner_id" uuid NOT NULL REFERENCES "${s}"."ocpi_partners" ("id") ON DELETE CASCADE,
      "country_code" text NOT NULL,
      "party_id" text NOT NULL,
      "role" text NOT NULL,
      "business_details" jsonb NULL,
      PRIMARY KEY ("partner_id", "country_code", "party_id", "role")
    )`,
    `CREATE INDEX "ocpi_partner_roles_party_idx" ON "${s}"."ocpi_partner_roles" ("country_code", "party_id")`,
    `CREATE TABLE "${s}"."ocpi_partner_endpoints" (
      "partner_id" uuid NOT NULL REFERENCES "${s}"."ocpi_partners" ("id") ON DELETE CASCADE,
      "identifier" text NOT NULL,
      "role" text NOT NULL,
      "url" text NOT NULL,
      PRIMARY KEY ("partner_id", "identifier", "role")
    )`,
  ];
}

export function ocpiCoreTablesDownSql(schema: string): string[] {
  const s = checked(schema);
  return [
    `DROP TABLE IF EXISTS "${s}"."ocpi_partner_endpoints"`,
    `DROP TABLE IF EXISTS "${s}"."ocpi_partner_roles"`,
    `DROP TABLE IF EXISTS "${s}"."ocpi_partners"`,
  ];
}
