-- The PostgreSQL schema after every migration (libs/postgres/src/migrations): npm run schema:dump

CREATE TABLE access.api_tokens (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  owner text NOT NULL,
  role text NOT NULL,
  agency_code text,
  source_id text,
  created_by text NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  expires_at timestamp with time zone,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  CONSTRAINT api_tokens_check CHECK (((role <> 'department'::text) OR (agency_code IS NOT NULL))),
  CONSTRAINT api_tokens_check1 CHECK (((role = ANY (ARRAY['department'::text, 'source'::text])) OR (agency_code IS NULL))),
  CONSTRAINT api_tokens_check2 CHECK (((role = 'source'::text) OR (source_id IS NULL))),
  CONSTRAINT api_tokens_check3 CHECK (((role <> 'source'::text) OR (source_id IS NOT NULL))),
  CONSTRAINT api_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT api_tokens_prefix_key UNIQUE (prefix),
  CONSTRAINT api_tokens_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'analyst'::text, 'operator'::text, 'department'::text, 'source'::text])))
);
CREATE UNIQUE INDEX api_tokens_pkey ON access.api_tokens USING btree (id);
CREATE UNIQUE INDEX api_tokens_prefix_key ON access.api_tokens USING btree (prefix);

CREATE TABLE access.sessions (
  id_hash text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  expires_at timestamp with time zone NOT NULL,
  CONSTRAINT sessions_pkey PRIMARY KEY (id_hash),
  CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES access.users(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sessions_pkey ON access.sessions USING btree (id_hash);
CREATE INDEX sessions_user_id ON access.sessions USING btree (user_id);

CREATE TABLE access.users (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  agency_code text,
  source_id text,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  disabled_at timestamp with time zone,
  CONSTRAINT users_check CHECK (((role <> 'department'::text) OR (agency_code IS NOT NULL))),
  CONSTRAINT users_check1 CHECK (((role = ANY (ARRAY['department'::text, 'source'::text])) OR (agency_code IS NULL))),
  CONSTRAINT users_check2 CHECK (((role = 'source'::text) OR (source_id IS NULL))),
  CONSTRAINT users_check3 CHECK (((role <> 'source'::text) OR (source_id IS NOT NULL))),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'analyst'::text, 'operator'::text, 'department'::text, 'source'::text]))),
  CONSTRAINT users_username_key UNIQUE (username)
);
CREATE UNIQUE INDEX users_pkey ON access.users USING btree (id);
CREATE UNIQUE INDEX users_username_key ON access.users USING btree (username);

CREATE TABLE alerts.alerts (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL,
  unit_code text NOT NULL,
  unit_name text NOT NULL,
  state text NOT NULL,
  machine jsonb NOT NULL,
  figures jsonb,
  labels jsonb NOT NULL,
  evaluated_at timestamp with time zone NOT NULL,
  CONSTRAINT alerts_pkey PRIMARY KEY (id),
  CONSTRAINT alerts_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES alerts.rules(id) ON DELETE CASCADE,
  CONSTRAINT alerts_rule_id_unit_code_key UNIQUE (rule_id, unit_code)
);
CREATE INDEX alerts_by_state ON alerts.alerts USING btree (state);
CREATE UNIQUE INDEX alerts_pkey ON alerts.alerts USING btree (id);
CREATE UNIQUE INDEX alerts_rule_id_unit_code_key ON alerts.alerts USING btree (rule_id, unit_code);

CREATE TABLE alerts.contacts (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_code text NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  CONSTRAINT contacts_agency_code_email_key UNIQUE (agency_code, email),
  CONSTRAINT contacts_pkey PRIMARY KEY (id),
  CONSTRAINT contacts_role_check CHECK ((role = ANY (ARRAY['head'::text, 'member'::text])))
);
CREATE UNIQUE INDEX contacts_agency_code_email_key ON alerts.contacts USING btree (agency_code, email);
CREATE UNIQUE INDEX contacts_pkey ON alerts.contacts USING btree (id);

CREATE TABLE alerts.evaluator_lease (
  name text NOT NULL,
  holder text NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  CONSTRAINT evaluator_lease_pkey PRIMARY KEY (name)
);
CREATE UNIQUE INDEX evaluator_lease_pkey ON alerts.evaluator_lease USING btree (name);

CREATE TABLE alerts.history (
  id bigint NOT NULL DEFAULT nextval('alerts.history_id_seq'::regclass),
  alert_id uuid NOT NULL,
  at timestamp with time zone NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  notification text,
  figures jsonb,
  note text,
  CONSTRAINT history_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alerts.alerts(id) ON DELETE CASCADE,
  CONSTRAINT history_pkey PRIMARY KEY (id)
);
CREATE INDEX history_by_alert ON alerts.history USING btree (alert_id, at);
CREATE UNIQUE INDEX history_pkey ON alerts.history USING btree (id);

CREATE TABLE alerts.notifications (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  channel text NOT NULL,
  destination text NOT NULL,
  alert_ids uuid[] NOT NULL,
  message jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending'::text,
  attempts integer NOT NULL DEFAULT 0,
  error text,
  sent_at timestamp with time zone,
  CONSTRAINT notifications_pkey PRIMARY KEY (id),
  CONSTRAINT notifications_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'delivered'::text, 'failed'::text, 'skipped'::text])))
);
CREATE INDEX notifications_pending ON alerts.notifications USING btree (created_at) WHERE (status = 'pending'::text);
CREATE UNIQUE INDEX notifications_pkey ON alerts.notifications USING btree (id);

CREATE TABLE alerts.rules (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  key text NOT NULL,
  spec jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT rules_key_key UNIQUE (key),
  CONSTRAINT rules_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX rules_key_key ON alerts.rules USING btree (key);
CREATE UNIQUE INDEX rules_pkey ON alerts.rules USING btree (id);

CREATE TABLE alerts.silences (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  matchers jsonb NOT NULL,
  starts_at timestamp with time zone NOT NULL,
  ends_at timestamp with time zone NOT NULL,
  created_by text NOT NULL,
  comment text NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT silences_check CHECK ((ends_at > starts_at)),
  CONSTRAINT silences_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX silences_pkey ON alerts.silences USING btree (id);

CREATE TABLE audit.entries (
  id bigint NOT NULL,
  at timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  principal_name text,
  principal_role text,
  principal_via text,
  principal_id text,
  request_id text,
  route text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  CONSTRAINT entries_pkey PRIMARY KEY (id)
);
CREATE INDEX entries_by_entity ON audit.entries USING btree (entity, entity_id);
CREATE INDEX entries_by_principal ON audit.entries USING btree (principal_name, at);
CREATE INDEX entries_by_request ON audit.entries USING btree (request_id);
CREATE INDEX entries_by_time ON audit.entries USING btree (at);
CREATE UNIQUE INDEX entries_pkey ON audit.entries USING btree (id);

CREATE TABLE catalogue.agencies (
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  parent_code text,
  valid_from date NOT NULL,
  valid_to date,
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT agencies_check CHECK (((valid_to IS NULL) OR (valid_to >= valid_from))),
  CONSTRAINT agencies_check1 CHECK ((parent_code IS DISTINCT FROM code)),
  CONSTRAINT agencies_kind_check CHECK ((kind = ANY (ARRAY['province'::text, 'department'::text, 'district'::text, 'commune'::text, 'centre'::text, 'other'::text]))),
  CONSTRAINT agencies_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES catalogue.agencies(code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT agencies_pkey PRIMARY KEY (code)
);
CREATE INDEX agencies_parent_code ON catalogue.agencies USING btree (parent_code);
CREATE UNIQUE INDEX agencies_pkey ON catalogue.agencies USING btree (code);

CREATE TABLE catalogue.agency_lineage (
  from_code text NOT NULL,
  to_code text NOT NULL,
  effective_date date NOT NULL,
  CONSTRAINT agency_lineage_check CHECK ((from_code <> to_code)),
  CONSTRAINT agency_lineage_from_code_fkey FOREIGN KEY (from_code) REFERENCES catalogue.agencies(code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT agency_lineage_pkey PRIMARY KEY (from_code, to_code),
  CONSTRAINT agency_lineage_to_code_fkey FOREIGN KEY (to_code) REFERENCES catalogue.agencies(code) DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX agency_lineage_pkey ON catalogue.agency_lineage USING btree (from_code, to_code);
CREATE INDEX agency_lineage_to_code ON catalogue.agency_lineage USING btree (to_code);

CREATE TABLE catalogue.offering_levels (
  procedure_code text NOT NULL,
  agency_code text NOT NULL,
  effective_from date NOT NULL,
  level smallint NOT NULL,
  mode text NOT NULL,
  portal boolean NOT NULL,
  fee boolean NOT NULL,
  CONSTRAINT offering_levels_level_check CHECK (((level >= 1) AND (level <= 4))),
  CONSTRAINT offering_levels_mode_check CHECK ((mode = ANY (ARRAY['none'::text, 'partial'::text, 'full'::text]))),
  CONSTRAINT offering_levels_pkey PRIMARY KEY (procedure_code, agency_code, effective_from),
  CONSTRAINT offering_levels_procedure_code_agency_code_fkey FOREIGN KEY (procedure_code, agency_code) REFERENCES catalogue.offerings(procedure_code, agency_code) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX offering_levels_pkey ON catalogue.offering_levels USING btree (procedure_code, agency_code, effective_from);

CREATE TABLE catalogue.offerings (
  procedure_code text NOT NULL,
  agency_code text NOT NULL,
  valid_to date,
  CONSTRAINT offerings_agency_code_fkey FOREIGN KEY (agency_code) REFERENCES catalogue.agencies(code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT offerings_pkey PRIMARY KEY (procedure_code, agency_code),
  CONSTRAINT offerings_procedure_code_fkey FOREIGN KEY (procedure_code) REFERENCES catalogue.procedures(code) ON DELETE RESTRICT
);
CREATE INDEX offerings_agency_code ON catalogue.offerings USING btree (agency_code);
CREATE UNIQUE INDEX offerings_pkey ON catalogue.offerings USING btree (procedure_code, agency_code);

CREATE TABLE catalogue.procedures (
  code text NOT NULL,
  name text NOT NULL,
  field text NOT NULL,
  valid_to date,
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT procedures_pkey PRIMARY KEY (code)
);
CREATE UNIQUE INDEX procedures_pkey ON catalogue.procedures USING btree (code);

CREATE TABLE catalogue.revision (
  id smallint NOT NULL,
  revision bigint NOT NULL,
  CONSTRAINT revision_id_check CHECK ((id = 1)),
  CONSTRAINT revision_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX revision_pkey ON catalogue.revision USING btree (id);

CREATE TABLE catalogue.targets (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  key text NOT NULL,
  indicator_id text NOT NULL,
  options jsonb NOT NULL DEFAULT '{}'::jsonb,
  agency_code text,
  subtree boolean NOT NULL DEFAULT true,
  period_kind text NOT NULL,
  rolling_days integer,
  comparator text NOT NULL,
  threshold double precision NOT NULL,
  legal_basis text NOT NULL,
  active_from date NOT NULL,
  active_to date,
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT targets_agency_code_fkey FOREIGN KEY (agency_code) REFERENCES catalogue.agencies(code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT targets_check CHECK (((period_kind = 'rolling'::text) = (rolling_days IS NOT NULL))),
  CONSTRAINT targets_check1 CHECK (((active_to IS NULL) OR (active_to >= active_from))),
  CONSTRAINT targets_comparator_check CHECK ((comparator = ANY (ARRAY['>='::text, '>'::text, '<='::text, '<'::text]))),
  CONSTRAINT targets_key_key UNIQUE (key),
  CONSTRAINT targets_period_kind_check CHECK ((period_kind = ANY (ARRAY['year'::text, 'quarter'::text, 'month'::text, 'rolling'::text]))),
  CONSTRAINT targets_pkey PRIMARY KEY (id)
);
CREATE INDEX targets_indicator_id ON catalogue.targets USING btree (indicator_id);
CREATE UNIQUE INDEX targets_key_key ON catalogue.targets USING btree (key);
CREATE UNIQUE INDEX targets_pkey ON catalogue.targets USING btree (id);

CREATE TABLE public.schema_migrations (
  id integer NOT NULL DEFAULT nextval('schema_migrations_id_seq'::regclass),
  timestamp bigint NOT NULL,
  name character varying NOT NULL,
  CONSTRAINT PK_62441bec32630ced9e4cccae336 PRIMARY KEY (id)
);
CREATE UNIQUE INDEX "PK_62441bec32630ced9e4cccae336" ON public.schema_migrations USING btree (id);

CREATE TABLE reports.issued_reports (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  agency_code text,
  scope_key text NOT NULL,
  period_key text NOT NULL,
  period_cut text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  rows_by text NOT NULL,
  structure text NOT NULL,
  as_of timestamp with time zone NOT NULL,
  content text NOT NULL,
  xlsx bytea NOT NULL,
  checksum text NOT NULL,
  issued_by text NOT NULL,
  issued_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT issued_reports_once UNIQUE (kind, scope_key, period_key, period_cut, rows_by, structure),
  CONSTRAINT issued_reports_pkey PRIMARY KEY (id)
);
CREATE INDEX issued_reports_by_period ON reports.issued_reports USING btree (period_from, period_to);
CREATE UNIQUE INDEX issued_reports_once ON reports.issued_reports USING btree (kind, scope_key, period_key, period_cut, rows_by, structure);
CREATE UNIQUE INDEX issued_reports_pkey ON reports.issued_reports USING btree (id);
